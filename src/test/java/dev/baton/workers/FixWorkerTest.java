package dev.baton.workers;

import static dev.baton.workers.WorkerBench.RUN;
import static dev.baton.workers.WorkerBench.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.board.TaskStatus;
import dev.baton.process.ErrorCodes;
import dev.baton.run.Happened;
import dev.baton.run.JournalEntry;
import io.camunda.client.exception.BpmnError;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ralph's fix prompt alone: the test row back to IN_PROGRESS, the failure on one line, the same
 * errors as a send.
 */
@SuppressWarnings("unchecked")
class FixWorkerTest {
  @TempDir Path dir;
  WorkerBench bench;

  @BeforeEach
  void board() {
    bench =
        new WorkerBench(
            dir,
            """
        | T-001 | Add numbers | Ada (w1) | MED | COMPLETED | 2026-12-03 run-bench |
        | T-002 | Test T-001 | Tess (w1) | MED | COMPLETED | 2026-12-03 run-bench |
        """,
            "| 2026-12-03 | Tess | T-002 | COMPLETED | FAILED: testCarry |");
    bench.journal.begin(RUN, "- Add numbers\n", Map.of());
  }

  @AfterEach
  void close() {
    bench.close();
  }

  private FixWorker worker() {
    return new FixWorker(bench.prompter(), bench.board, bench.roster(), bench.events);
  }

  @Test
  void theTesterGetsTheFailureOnOneLineAndItsRowIsInProgressAgain() {
    bench.simAgent("Tess", "--work", "30s");

    worker()
        .fix(job(31L), RUN, "T-002", "T-001", "Tess", "testCarry\n  expected 10\n  but was 0\n");
    bench.awaitPrompts("Tess", 1);

    assertThat(bench.prompts("Tess"))
        .singleElement()
        .asString()
        .contains("testCarry ⏎ expected 10 ⏎ but was 0", "Add numbers");
    assertThat(bench.status("T-002")).isEqualTo(TaskStatus.IN_PROGRESS);
    assertThat(bench.journal.get(RUN).orElseThrow().prompts())
        .extracting(JournalEntry.Prompt::kind)
        .containsExactly("fix");
  }

  /**
   * The failed verdict was read from the COMPLETED test row; after the fix prompt the row must not
   * still say so, or the next check judges the old verdict again before the tester has fixed
   * anything (a cycle lost, or with a test command, the suite run on the unfixed code).
   */
  @Test
  void theCheckAfterAFixWaitsForTheTesterInsteadOfReadingTheOldVerdictAgain() {
    bench.simAgent("Tess", "--work", "30s");
    bench.journal.test(
        RUN, new JournalEntry.TestOutcome(Instant.now(), "T-001", "T-002", 1, "failed", "FAILED"));
    bench.board.read(); // as the watcher does: Baton saw the row COMPLETED before the fix

    worker().fix(job(34L), RUN, "T-002", "T-001", "Tess", "FAILED: testCarry");
    bench.awaitPrompts("Tess", 1);
    CheckTestWorker check =
        new CheckTestWorker(
            bench.board,
            bench.journal,
            bench.events,
            bench.props(),
            bench.clock,
            bench.probe(),
            bench.roster(),
            new dev.baton.testcommand.TestRuns(),
            bench.workspaces());
    Map<String, Object> out = check.check(job(35L), RUN, "T-002", "T-001", "Tess", 2, null);

    assertThat(out).containsEntry(dev.baton.process.Variables.VERDICT, "pending");
    assertThat(bench.journal.get(RUN).orElseThrow().tests()).hasSize(1);
  }

  @Test
  void aDeadPaneRaisesAgentUnreachableNamingTheTester() {
    bench.deadAgent("Tess");

    BpmnError error =
        catchThrowableOfType(
            BpmnError.class, () -> worker().fix(job(32L), RUN, "T-002", "T-001", "Tess", "FAILED"));

    assertThat(error.getErrorCode()).isEqualTo(ErrorCodes.AGENT_UNREACHABLE);
    assertThat((Map<String, Object>) error.getVariables())
        .containsEntry("agent", "Tess")
        .containsKey("lastScreen");
    assertThat(bench.happened(Happened.Unreachable.class)).hasSize(1);
  }

  @Test
  void aFixPastThePromptLimitRaisesGuardHitAndLeavesTheRow() {
    bench.set("baton.max-prompts-per-task", "1");
    bench.deadAgent("Tess");
    bench.journal.prompt(
        RUN, new JournalEntry.Prompt(Instant.now(), "T-002", "Tess", "test", 1L, 0));

    BpmnError error =
        catchThrowableOfType(
            BpmnError.class, () -> worker().fix(job(33L), RUN, "T-002", "T-001", "Tess", "FAILED"));

    assertThat(error.getErrorCode()).isEqualTo(ErrorCodes.GUARD_HIT);
    assertThat(bench.status("T-002")).isEqualTo(TaskStatus.COMPLETED);
  }
}
