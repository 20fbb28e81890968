package dev.baton.workers;

import static dev.baton.workers.WorkerBench.RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.agents.AgentPool;
import dev.baton.agents.SilenceTracker;
import dev.baton.run.Happened;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The poll's check called alone, on a real board file and real tmux panes: each fact the model's
 * "What now for the task?" table routes on, and that the check acts on nothing (the pool stays as
 * it was; the release step acts).
 */
class CheckStatusWorkerTest {
  @TempDir Path dir;
  WorkerBench bench;

  @AfterEach
  void close() {
    if (bench != null) {
      bench.close();
    }
  }

  private CheckStatusWorker worker() {
    return worker(new SilenceTracker());
  }

  private CheckStatusWorker worker(SilenceTracker silence) {
    return new CheckStatusWorker(
        bench.board,
        bench.roster(),
        bench.probe(),
        silence,
        bench.events,
        bench.reactions(),
        bench.clock);
  }

  private WorkerBench bench(String status, String logRows) {
    bench =
        new WorkerBench(
            dir,
            """
        | T-001 | Schema | Ada (w1) | HIGH | COMPLETED | 2026-12-03 run-bench |
        | T-002 | Add numbers, after T-001 | Ada (w1) | MED | %s | 2026-12-03 run-bench |
        """
                .formatted(status),
            logRows);
    return bench;
  }

  private static String blockedBy(String note) {
    return "| 2026-12-03 | Ada | T-002 | BLOCKED | " + note + " |";
  }

  @Test
  void aCompletedRowIsReportedWithoutLookingAtTheScreenAndTheAgentStaysHeld() {
    bench(" COMPLETED", "| 2026-12-03 | Ada | T-002 | COMPLETED | done |");
    bench.deadAgent("Ada");
    bench.pool().adopt("T-002", "Ada");

    Map<String, Object> out = worker().check(RUN, "T-002", "Ada", 0, 0, null);

    assertThat(out)
        .containsEntry("status", "COMPLETED")
        .containsEntry("screen", null)
        .containsEntry("blockKind", null)
        .containsEntry("silentPolls", 0)
        .containsEntry("stuckPolls", 0);
    assertThat(bench.happened(Happened.TaskCompleted.class))
        .containsExactly(new Happened.TaskCompleted("T-002", "Ada"));
    assertThat(bench.availability("Ada")).isEqualTo(AgentPool.Availability.BUSY);
  }

  @Test
  void aTechnicalBlockReportsItsKindAndNote() {
    bench("BLOCKED", blockedBy("compiler crashed on Foo.java"));
    bench.settled(bench.agent("Ada", WorkerBench.IDLE_SCREEN), "shortcuts");

    Map<String, Object> out = worker().check(RUN, "T-002", "Ada", 0, 0, null);

    assertThat(out)
        .containsEntry("status", "BLOCKED")
        .containsEntry("blockKind", "technical")
        .containsEntry("note", "compiler crashed on Foo.java")
        .containsEntry("screen", "IDLE")
        .containsEntry("dependencies", null);
    assertThat(bench.happened(Happened.TaskBlocked.class))
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.blockKind()).isEqualTo("technical");
              assertThat(b.note()).isEqualTo("compiler crashed on Foo.java");
              assertThat(b.usageLimitShown()).isFalse();
            });
  }

  @Test
  void aCreditsBlockIsReportedAsCredits() {
    bench("BLOCKED", blockedBy("out of credits, quota reached"));
    bench.settled(bench.agent("Ada", WorkerBench.IDLE_SCREEN), "shortcuts");

    assertThat(worker().check(RUN, "T-002", "Ada", 0, 0, null))
        .containsEntry("blockKind", "credits");
  }

  /**
   * An agent that wrote BLOCKED and no note: a technical block with an empty note, not a failure of
   * the check.
   */
  @Test
  void aBlockedRowWithoutANoteIsATechnicalBlockWithABlankNote() {
    bench("BLOCKED", "");
    bench.settled(bench.agent("Ada", WorkerBench.IDLE_SCREEN), "shortcuts");

    Map<String, Object> out = worker().check(RUN, "T-002", "Ada", 0, 0, null);

    assertThat(out)
        .containsEntry("status", "BLOCKED")
        .containsEntry("blockKind", "technical")
        .containsEntry("note", "");
  }

  @Test
  void aBlankNoteCellIsATechnicalBlockToo() {
    bench("BLOCKED", "| 2026-12-03 | Ada | T-002 | BLOCKED |  |");
    bench.settled(bench.agent("Ada", WorkerBench.IDLE_SCREEN), "shortcuts");

    assertThat(worker().check(RUN, "T-002", "Ada", 0, 0, null))
        .containsEntry("blockKind", "technical")
        .containsEntry("note", "");
  }

  @Test
  void aDependencyOnACompletedTaskIsDone() {
    bench("BLOCKED", blockedBy("waiting for T-001"));
    bench.settled(bench.agent("Ada", WorkerBench.IDLE_SCREEN), "shortcuts");

    assertThat(worker().check(RUN, "T-002", "Ada", 0, 0, null))
        .containsEntry("blockKind", "dependency")
        .containsEntry("dependencies", "done")
        .containsEntry("missingDependency", null);
  }

  @Test
  void aDependencyOnAnOpenTaskIsWaiting() {
    bench =
        new WorkerBench(
            dir,
            """
        | T-001 | Schema | Bob (w2) | HIGH | IN_PROGRESS | 2026-12-03 run-bench |
        | T-002 | Add numbers | Ada (w1) | MED | BLOCKED | 2026-12-03 run-bench |
        """,
            blockedBy("bloqué par T-001"));
    bench.settled(bench.agent("Ada", WorkerBench.IDLE_SCREEN), "shortcuts");

    assertThat(worker().check(RUN, "T-002", "Ada", 0, 0, null))
        .containsEntry("blockKind", "dependency")
        .containsEntry("dependencies", "waiting");
  }

  @Test
  void aDependencyOnATaskGoneFromTheBoardIsGoneAndNamesIt() {
    bench("BLOCKED", blockedBy("waiting for T-001 and T-009"));
    bench.settled(bench.agent("Ada", WorkerBench.IDLE_SCREEN), "shortcuts");

    assertThat(worker().check(RUN, "T-002", "Ada", 0, 0, null))
        .containsEntry("dependencies", "gone")
        .containsEntry("missingDependency", "T-009");
  }

  /**
   * "waiting for the schema" names no task: nothing is done, so the task keeps waiting rather than
   * being nudged.
   */
  @Test
  void aDependencyNamingNoTaskIsWaiting() {
    bench("BLOCKED", blockedBy("waiting for the schema"));
    bench.settled(bench.agent("Ada", WorkerBench.IDLE_SCREEN), "shortcuts");

    assertThat(worker().check(RUN, "T-002", "Ada", 0, 0, null))
        .containsEntry("dependencies", "waiting")
        .containsEntry("missingDependency", null);
  }

  @Test
  void aUsageLimitOnScreenIsReportedWithItsScreenAndTheAgentStaysInThePool() {
    bench("IN_PROGRESS", "");
    bench.settled(bench.agent("Ada", WorkerBench.LIMIT_SCREEN), "usage limit");
    bench.pool().adopt("T-002", "Ada");

    Map<String, Object> out = worker().check(RUN, "T-002", "Ada", 0, 0, null);

    assertThat(out)
        .containsEntry("status", "IN_PROGRESS")
        .containsEntry("screen", "RATE_LIMITED")
        .containsEntry("blockKind", null);
    assertThat(java.time.Instant.parse((String) out.get("resetsAt")))
        .isCloseTo(
            java.time.Instant.now().plus(java.time.Duration.ofHours(2)),
            org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MINUTES));
    assertThat(bench.happened(Happened.TaskBlocked.class))
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.blockKind()).isEqualTo("credits");
              assertThat(b.usageLimitShown()).isTrue();
            });
    assertThat(bench.availability("Ada")).isEqualTo(AgentPool.Availability.BUSY);
  }

  @Test
  void aDeadPaneIsReportedAsDeadAndOnlyReported() {
    bench("IN_PROGRESS", "");
    bench.deadAgent("Ada");
    bench.pool().adopt("T-002", "Ada");

    Map<String, Object> out = worker().check(RUN, "T-002", "Ada", 3, 0, null);

    assertThat(out).containsEntry("screen", "DEAD").containsEntry("silentPolls", 0);
    assertThat(bench.happened(Happened.ScreenEnded.class))
        .containsExactly(new Happened.ScreenEnded("T-002", "Ada", "DEAD"));
    assertThat(bench.availability("Ada")).isEqualTo(AgentPool.Availability.BUSY);
  }

  @Test
  void aPaneWhoseProgramExitedToAShellIsExited() {
    bench("IN_PROGRESS", "");
    bench
        .tmux()
        .client()
        .newWindow(
            bench.tmux().session(), dev.baton.tmux.WindowSpec.of("Ada", java.util.List.of("sh")));
    bench.agents.put(
        "Ada",
        new dev.baton.agents.Agent(
            "Ada",
            bench.tmux().session() + ":Ada",
            dev.baton.agents.CliKind.SIMULATED,
            false,
            "w1",
            null,
            dev.baton.agents.CliPatternCatalog.shipped()
                .patterns(dev.baton.agents.CliKind.SIMULATED)));

    assertThat(worker().check(RUN, "T-002", "Ada", 0, 0, null)).containsEntry("screen", "EXITED");
    assertThat(bench.kinds()).doesNotContain("silent");
  }

  /**
   * An idle nudge is not a poll: the counts are the model's, so the check returns none and leaves
   * them.
   */
  @Test
  void anIdleWakeReturnsNoCountsAndSaysTheAgentIsIdleOnTheTask() {
    bench("IN_PROGRESS", "");
    bench.settled(bench.agent("Ada", WorkerBench.IDLE_SCREEN), "shortcuts");

    Map<String, Object> out = worker().check(RUN, "T-002", "Ada", 2, 1, "idle");

    assertThat(out).doesNotContainKeys("silentPolls", "stuckPolls").containsEntry("screen", "IDLE");
    assertThat(bench.happened(Happened.IdleOnTask.class))
        .containsExactly(new Happened.IdleOnTask("T-002", "Ada", "IN_PROGRESS"));
  }

  @Test
  void anIdleAgentWhoseRowDoesNotMoveCountsSilentPollsAndAMovedRowStartsAgain() {
    bench("IN_PROGRESS", "");
    bench.settled(bench.agent("Ada", WorkerBench.IDLE_SCREEN), "shortcuts");
    CheckStatusWorker check = worker();

    Map<String, Object> first = check.check(RUN, "T-002", "Ada", 0, 0, "timer");
    Map<String, Object> second =
        check.check(RUN, "T-002", "Ada", (Integer) first.get("silentPolls"), 0, "timer");
    Map<String, Object> third =
        check.check(RUN, "T-002", "Ada", (Integer) second.get("silentPolls"), 0, "timer");

    assertThat(first).containsEntry("silentPolls", 0);
    assertThat(second).containsEntry("silentPolls", 1).containsEntry("stuckPolls", 0);
    assertThat(third).containsEntry("silentPolls", 2);
    assertThat(bench.happened(Happened.Silent.class))
        .extracting(Happened.Silent::polls)
        .containsExactly(1, 2);

    bench.write(
        bench
            .text()
            .replace(
                "| T-002 | Add numbers, after T-001 | Ada (w1) | MED | IN_PROGRESS |",
                "| T-002 | Add numbers, after T-001 (half done) | Ada (w1) | MED | IN_PROGRESS |"));
    assertThat(check.check(RUN, "T-002", "Ada", 2, 0, "timer")).containsEntry("silentPolls", 0);
  }

  @Test
  void aBusyAgentWhoseScreenAndRowDoNotMoveCountsStuckPolls() {
    bench("IN_PROGRESS", "");
    bench.settled(bench.agent("Ada", WorkerBench.BUSY_SCREEN), "esc to interrupt");
    CheckStatusWorker check = worker();

    check.check(RUN, "T-002", "Ada", 0, 0, "timer");
    Map<String, Object> second = check.check(RUN, "T-002", "Ada", 0, 0, "timer");
    Map<String, Object> third =
        check.check(RUN, "T-002", "Ada", 0, (Integer) second.get("stuckPolls"), "timer");

    assertThat(second)
        .containsEntry("screen", "BUSY")
        .containsEntry("silentPolls", 0)
        .containsEntry("stuckPolls", 1);
    assertThat(third).containsEntry("stuckPolls", 2);
    assertThat(bench.happened(Happened.Stuck.class))
        .extracting(Happened.Stuck::polls)
        .containsExactly(1, 2);
  }

  /** A row the agent has not written yet (or removed) reads as PENDING, not as a failed check. */
  @Test
  void aTaskMissingFromTheBoardReadsAsPending() {
    bench("IN_PROGRESS", "");
    bench.settled(bench.agent("Ada", WorkerBench.IDLE_SCREEN), "shortcuts");

    assertThat(worker().check(RUN, "T-042", "Ada", 0, 0, null)).containsEntry("status", "PENDING");
  }

  @Test
  void anAgentNotInTheRosterFailsTheJobNamingIt() {
    bench("IN_PROGRESS", "");
    bench.settled(bench.agent("Ada", WorkerBench.IDLE_SCREEN), "shortcuts");

    assertThatThrownBy(() -> worker().check(RUN, "T-002", "Nobody", 0, 0, null))
        .hasMessageContaining("Nobody");
  }

  /**
   * A board cut in the middle of the task's row (an agent writing it now): the check neither writes
   * over the file nor guesses the row's status; a row it cannot read yet is one not written yet,
   * which only the silence count sees.
   */
  @Test
  void aHalfWrittenBoardIsNotWrittenOverAndItsCutRowIsNotGuessed() {
    bench("IN_PROGRESS", "");
    bench.settled(bench.agent("Ada", WorkerBench.IDLE_SCREEN), "shortcuts");
    String whole = bench.text();
    String cut = whole.substring(0, whole.indexOf("| T-002 |") + 12);
    bench.write(cut);

    Map<String, Object> out = worker().check(RUN, "T-002", "Ada", 0, 0, "board");

    assertThat(out).containsEntry("status", "PENDING").containsEntry("blockKind", null);
    assertThat(bench.text()).isEqualTo(cut);
  }

  /**
   * An agent read the board, Baton then handed T-002 to Bob, and the agent wrote its stale copy
   * back with its own row done: Baton's write is erased. The next check puts it back before
   * reading, and sees the agent's completion.
   */
  @Test
  void anAgentsStaleWriteOverBatonsUpdateIsRepairedByTheNextCheck() {
    bench =
        new WorkerBench(
            dir,
            """
        | T-001 | Schema | Ada (w1) | HIGH | IN_PROGRESS | 2026-12-03 run-bench |
        | T-002 | Add numbers | | MED | PENDING | 2026-12-03 run-bench |
        """,
            "");
    bench.settled(bench.agent("Ada", WorkerBench.IDLE_SCREEN), "shortcuts");
    bench.settled(bench.agent("Bob", WorkerBench.BUSY_SCREEN), "esc to interrupt");
    String agentsCopy = bench.text();
    new UpdateBoardWorker(bench.board, bench.roster(), new dev.baton.run.RunGate())
        .update(RUN, "T-002", "Bob");

    bench.write(
        agentsCopy
            .replace("| Ada (w1) | HIGH | IN_PROGRESS |", "| Ada (w1) | HIGH | COMPLETED |")
            .replace(
                "|------|-------|------|--------|------|\n",
                "|------|-------|------|--------|------|\n| 2026-12-03 | Ada | T-001 | COMPLETED | schema done |\n"));
    CheckStatusWorker check = worker();

    Map<String, Object> bob = check.check(RUN, "T-002", "Bob", 0, 0, "board");
    Map<String, Object> ada = check.check(RUN, "T-001", "Ada", 0, 0, "board");

    assertThat(bob).containsEntry("status", "IN_PROGRESS");
    assertThat(bench.row("T-002").assignedTo()).isEqualTo("Bob (w2)");
    assertThat(ada).containsEntry("status", "COMPLETED");
    assertThat(bench.lastNote("T-001")).isEqualTo("schema done");
  }

  /**
   * An agent rewrote CLAUDE.md without its queue: no row to read is no answer, and the check does
   * not write one.
   */
  @Test
  void aBoardWithoutItsQueueIsNotReadAsAnAnswerNorRewritten() {
    bench("IN_PROGRESS", "");
    bench.settled(bench.agent("Ada", WorkerBench.IDLE_SCREEN), "shortcuts");
    String prose = "# Project memory\n\nThe agent replaced everything with notes.\n";
    bench.write(prose);

    Map<String, Object> out = worker().check(RUN, "T-002", "Ada", 0, 0, "board");

    assertThat(out).containsEntry("status", "PENDING");
    assertThat(bench.text()).isEqualTo(prose);
    assertThat(bench.kinds()).doesNotContain("task-completed", "task-blocked");
  }

  /**
   * CLAUDE.md deleted under the run: the check neither recreates it nor reports the task settled;
   * the task reads as not written yet, which only the silence count sees.
   */
  @Test
  void aBoardFileThatIsGoneIsNotRecreatedAndSettlesNothing() throws Exception {
    bench("IN_PROGRESS", "");
    bench.settled(bench.agent("Ada", WorkerBench.IDLE_SCREEN), "shortcuts");
    java.nio.file.Files.delete(bench.file);

    Map<String, Object> out = worker().check(RUN, "T-002", "Ada", 0, 0, "board");

    assertThat(out).containsEntry("status", "PENDING").containsEntry("blockKind", null);
    assertThat(bench.file).doesNotExist();
    assertThat(bench.kinds()).doesNotContain("task-completed", "task-blocked");
  }

  /** An agent that marked its row done and blanked or renamed its Assigned To cell: still done. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"", "ada", "Someone Else (w7)", "Ada (w1), Bob (w2)"})
  void aCompletedRowWhateverItsAssignedToCellSaysIsCompleted(String cell) {
    bench =
        new WorkerBench(
            dir,
            "| T-002 | Add numbers | " + cell + " | MED | COMPLETED | 2026-12-03 run-bench |",
            "");
    bench.deadAgent("Ada");
    bench.pool().adopt("T-002", "Ada");

    assertThat(worker().check(RUN, "T-002", "Ada", 0, 0, "board"))
        .containsEntry("status", "COMPLETED");
    assertThat(bench.happened(Happened.TaskCompleted.class)).hasSize(1);
  }

  /**
   * BLOCKED with a technical note while the screen shows a usage limit: the event says the screen
   * was limited.
   */
  @Test
  void aBlockedRowOnAUsageLimitScreenSaysBoth() {
    bench("BLOCKED", blockedBy("API Error 529"));
    bench.settled(bench.agent("Ada", WorkerBench.LIMIT_SCREEN), "usage limit");

    Map<String, Object> out = worker().check(RUN, "T-002", "Ada", 0, 0, "board");

    assertThat(out).containsEntry("blockKind", "technical").containsEntry("screen", "RATE_LIMITED");
    assertThat(out.get("resetsAt")).isNotNull();
    assertThat(bench.happened(Happened.TaskBlocked.class))
        .singleElement()
        .satisfies(b -> assertThat(b.usageLimitShown()).isTrue());
  }
}
