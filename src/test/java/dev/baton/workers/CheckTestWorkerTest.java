package dev.baton.workers;

import static dev.baton.workers.WorkerBench.RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.baton.process.ErrorCodes;
import dev.baton.process.Variables;
import dev.baton.run.Happened;
import dev.baton.run.JournalEntry;
import dev.baton.testcommand.TestRuns;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.BpmnError;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test check alone: the verdict from the test command when one is set (whatever the tester
 * wrote), else from the test row and its note; a test row not finished yet is "pending" with the
 * tester's screen and whether the row moved, which the model's silence rule counts.
 */
@SuppressWarnings("unchecked")
class CheckTestWorkerTest {
  @TempDir Path dir;
  WorkerBench bench;

  @AfterEach
  void close() {
    if (bench != null) {
      bench.close();
    }
  }

  private WorkerBench bench(String testStatus, String note) {
    bench =
        new WorkerBench(
            dir,
            """
        | T-001 | Add numbers | Ada (w1) | MED | COMPLETED | 2026-12-03 run-bench |
        | T-002 | Test T-001 | Tess (w2) | MED | %s | 2026-12-03 run-bench |
        """
                .formatted(testStatus),
            note == null
                ? ""
                : "| 2026-12-03 | Tess | T-002 | " + testStatus + " | " + note + " |");
    bench.journal.begin(RUN, "- Add numbers\n", Map.of());
    return bench;
  }

  private static ActivatedJob job(long key) {
    ActivatedJob job = mock(ActivatedJob.class);
    when(job.getKey()).thenReturn(key);
    return job;
  }

  private CheckTestWorker worker() {
    return new CheckTestWorker(
        bench.board,
        bench.journal,
        bench.events,
        bench.props(),
        bench.clock,
        bench.probe(),
        bench.roster(),
        new TestRuns(),
        bench.workspaces());
  }

  private Map<String, Object> check(CheckTestWorker worker, String fingerprint) {
    return worker.check(job(21L), RUN, "T-002", "T-001", "Tess", 1, fingerprint);
  }

  @Test
  void aCompletedTestRowWithAPassingNoteIsPassedAndJournaledOnce() {
    bench("COMPLETED", "PASSED: 12 tests");
    bench.deadAgent("Tess");
    CheckTestWorker worker = worker();

    Map<String, Object> out = check(worker, null);
    check(worker, null); // delivered again

    assertThat(out).containsEntry(Variables.VERDICT, "passed");
    assertThat(bench.journal.get(RUN).orElseThrow().tests())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.verdict()).isEqualTo("passed");
              assertThat(t.detail()).isEqualTo("PASSED: 12 tests");
              assertThat(t.cycle()).isEqualTo(1);
            });
    assertThat(bench.happened(Happened.TestVerdict.class))
        .first()
        .isEqualTo(new Happened.TestVerdict("T-002", "Tess", "T-001", true, 1));
  }

  @Test
  void aNoteThatSaysFailedRaisesTestsFailedWithTheNote() {
    bench("COMPLETED", "FAILED: 2 of 12 (testAdd, testCarry)");
    bench.deadAgent("Tess");

    BpmnError error = catchThrowableOfType(BpmnError.class, () -> check(worker(), null));

    assertThat(error.getErrorCode()).isEqualTo(ErrorCodes.TESTS_FAILED);
    assertThat((Map<String, Object>) error.getVariables())
        .containsEntry("failureTail", "FAILED: 2 of 12 (testAdd, testCarry)");
    assertThat(bench.journal.get(RUN).orElseThrow().tests())
        .extracting(JournalEntry.TestOutcome::verdict)
        .containsExactly("failed");
  }

  @Test
  void aFrenchFailureNoteFailsToo() {
    bench("COMPLETED", "ÉCHEC : 2 tests");
    bench.deadAgent("Tess");

    assertThat(catchThrowableOfType(BpmnError.class, () -> check(worker(), null)).getErrorCode())
        .isEqualTo(ErrorCodes.TESTS_FAILED);
  }

  /** A tester that blocked without a word: the feature is not shown to pass. */
  @Test
  void aBlockedTestRowWithoutANoteFailsWithItsStatus() {
    bench("BLOCKED", null);
    bench.deadAgent("Tess");

    BpmnError error = catchThrowableOfType(BpmnError.class, () -> check(worker(), null));

    assertThat(error.getErrorCode()).isEqualTo(ErrorCodes.TESTS_FAILED);
    assertThat((Map<String, Object>) error.getVariables()).containsEntry("failureTail", "BLOCKED");
  }

  @Test
  void theTestCommandDecidesOverAPassingNote() {
    bench("COMPLETED", "PASSED");
    bench.set("baton.test-command", "echo 'testAdd: expected 4 but was 5'; exit 3");
    bench.deadAgent("Tess");

    BpmnError error = catchThrowableOfType(BpmnError.class, () -> check(worker(), null));

    assertThat(error.getErrorCode()).isEqualTo(ErrorCodes.TESTS_FAILED);
    assertThat((Map<String, Object>) error.getVariables())
        .hasEntrySatisfying(
            "failureTail",
            tail ->
                assertThat(tail.toString())
                    .startsWith("exit 3 in ")
                    .contains("expected 4 but was 5"));
  }

  @Test
  void theTestCommandDecidesOverAFailingNote() {
    bench("COMPLETED", "FAILED");
    bench.set("baton.test-command", "true");
    bench.deadAgent("Tess");

    assertThat(check(worker(), null)).containsEntry(Variables.VERDICT, "passed");
    assertThat(bench.journal.get(RUN).orElseThrow().tests())
        .singleElement()
        .satisfies(t -> assertThat(t.detail()).startsWith("exit 0 in "));
  }

  @Test
  void anUnfinishedTestRowIsPendingWithTheTestersScreenAndWhetherTheRowMoved() {
    bench("IN_PROGRESS", null);
    bench.settled(bench.agent("Tess", WorkerBench.BUSY_SCREEN), "esc to interrupt");
    CheckTestWorker worker = worker();

    Map<String, Object> first = check(worker, null);
    Map<String, Object> same = check(worker, (String) first.get(Variables.TEST_ROW_FINGERPRINT));
    bench.write(
        bench
            .text()
            .replace("| 2026-12-03 | Tess |", "| 2026-12-03 | Tess |")
            .replace(
                "|------|-------|------|--------|------|\n",
                "|------|-------|------|--------|------|\n| 2026-12-03 | Tess | T-002 | IN_PROGRESS | 3 of 12 run |\n"));
    Map<String, Object> moved = check(worker, (String) same.get(Variables.TEST_ROW_FINGERPRINT));

    assertThat(first)
        .containsEntry(Variables.VERDICT, "pending")
        .containsEntry(Variables.TESTER_SCREEN, "BUSY")
        .containsEntry(Variables.TEST_ROW_CHANGED, true);
    assertThat(same)
        .containsEntry(Variables.TEST_ROW_CHANGED, false)
        .containsEntry(Variables.TEST_ROW_FINGERPRINT, first.get(Variables.TEST_ROW_FINGERPRINT));
    assertThat(moved).containsEntry(Variables.TEST_ROW_CHANGED, true);
    assertThat(bench.journal.get(RUN).orElseThrow().tests()).isEmpty();
  }

  @Test
  void aSilentTestersIdleScreenIsReportedAndNothingIsDecided() {
    bench("IN_PROGRESS", null);
    bench.settled(bench.agent("Tess", WorkerBench.IDLE_SCREEN), "shortcuts");

    Map<String, Object> out = check(worker(), null);

    assertThat(out)
        .containsEntry(Variables.VERDICT, "pending")
        .containsEntry(Variables.TESTER_SCREEN, "IDLE");
    assertThat(bench.kinds()).isEmpty();
  }

  @Test
  void aTesterWhosePaneIsGoneIsReportedGone() {
    bench("IN_PROGRESS", null);
    bench.deadAgent("Tess");

    Map<String, Object> out = check(worker(), null);

    assertThat(out)
        .containsEntry(Variables.VERDICT, "pending")
        .containsEntry(Variables.TESTER_SCREEN, "DEAD");
    assertThat(bench.happened(Happened.AgentGone.class))
        .containsExactly(new Happened.AgentGone("T-002", "Tess", "DEAD", "T-001"));
  }

  /**
   * The test row not written yet (the planner's row came later) or removed: pending, no tester
   * screen asked.
   */
  @Test
  void aTestRowNotOnTheBoardIsPending() {
    bench("IN_PROGRESS", null);

    Map<String, Object> out = worker().check(job(22L), RUN, "T-042", "T-001", null, 1, null);

    assertThat(out)
        .containsEntry(Variables.VERDICT, "pending")
        .containsEntry(Variables.TESTER_SCREEN, null);
  }

  /**
   * A suite that hangs fails at {@code baton.test-timeout}, saying so, instead of holding the test
   * phase.
   */
  @Test
  void aTestCommandPastItsTimeoutFailsSayingItTimedOut() {
    bench("COMPLETED", "PASSED");
    bench.set("baton.test-command", "echo started; sleep 30").set("baton.test-timeout", "1s");
    bench.deadAgent("Tess");
    long started = System.nanoTime();

    BpmnError error = catchThrowableOfType(BpmnError.class, () -> check(worker(), null));

    assertThat(error.getErrorCode()).isEqualTo(ErrorCodes.TESTS_FAILED);
    assertThat((Map<String, Object>) error.getVariables())
        .hasEntrySatisfying(
            "failureTail", tail -> assertThat(tail.toString()).startsWith("timed out in "));
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
        .isLessThan(java.time.Duration.ofSeconds(10));
  }
}
