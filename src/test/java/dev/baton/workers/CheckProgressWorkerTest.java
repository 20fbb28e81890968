package dev.baton.workers;

import static dev.baton.workers.WorkerBench.RUN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.run.Happened;
import dev.baton.run.JournalEntry;
import dev.baton.run.OpenTasks;
import dev.baton.run.RunProgress;
import dev.baton.testcommand.TestRuns;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's watchdog alone: stalled only when nothing moved between two looks, with where the run
 * stands.
 */
class CheckProgressWorkerTest {
  @TempDir Path dir;
  WorkerBench bench;
  CheckProgressWorker worker;

  @BeforeEach
  void setUp() {
    bench =
        new WorkerBench(
            dir,
            """
        | T-001 | Add numbers | | MED | PENDING | 2026-12-03 run-bench |
        | T-002 | Subtract numbers (after T-001) | | MED | PENDING | 2026-12-03 run-bench |
        """,
            "");
    bench.settled(bench.agent("Ada", WorkerBench.IDLE_SCREEN), "shortcuts");
    bench.journal.begin(RUN, "- Add numbers\n- Subtract numbers\n", Map.of());
    bench.journal.tasks(RUN, List.of("T-001", "T-002"), false, 0);
    OpenTasks open =
        new OpenTasks(
            bench.journal,
            bench.board,
            bench.pool(),
            bench.roster(),
            bench.interrupter(),
            new dev.baton.run.RunGate());
    RunProgress progress =
        new RunProgress(
            bench.journal,
            bench.board,
            open,
            bench.pool(),
            bench.roster(),
            bench.probe(),
            new TestRuns());
    worker = new CheckProgressWorker(progress, bench.events);
  }

  @AfterEach
  void close() {
    bench.close();
  }

  /**
   * The watchdog's first look comes a whole stall limit after the start: no prompt sent and no task
   * held is a stall.
   */
  @Test
  void aRunWithNothingSentOrHeldSinceItsStartIsStalledAtTheFirstLookWithWhereItStands() {
    Map<String, Object> out = worker.check(RUN, "PT10M");

    assertThat(out).containsEntry("stalled", true);
    assertThat(out.get("failureReason").toString())
        .isEqualTo(
            "the run stalled: nothing moved for 10 min (2 open task(s): T-001 PENDING, T-002 PENDING; "
                + "agents: Ada free)");
    assertThat(bench.happened(Happened.Stalled.class)).hasSize(1);
  }

  @Test
  void aPromptSentOrARowChangedBetweenLooksIsProgressAndTwoLooksAlikeAreAStall() {
    bench.journal.prompt(
        RUN, new JournalEntry.Prompt(Instant.now(), "T-001", "Ada", "task", 1L, 0));
    assertThat(worker.check(RUN, "PT10M"))
        .as("first look, a prompt sent")
        .containsEntry("stalled", false);

    bench.write(
        bench
            .text()
            .replace(
                "| T-001 | Add numbers | | MED | PENDING |",
                "| T-001 | Add numbers | Ada (w1) | MED | IN_PROGRESS |"));
    assertThat(worker.check(RUN, "PT10M")).as("the row moved").containsEntry("stalled", false);
    assertThat(bench.kinds()).doesNotContain("stalled");

    assertThat(worker.check(RUN, "PT10M")).as("nothing moved").containsEntry("stalled", true);
  }

  @Test
  void theStallLimitIsSaidInPlainUnits() {
    assertThat(CheckProgressWorker.human("PT45S")).isEqualTo("45 s");
    assertThat(CheckProgressWorker.human("PT90S")).isEqualTo("90 s");
    assertThat(CheckProgressWorker.human("PT2H")).isEqualTo("2 h");
    assertThat(CheckProgressWorker.human("ten minutes")).isEqualTo("the stall limit");
    assertThat(CheckProgressWorker.human(null)).isEqualTo("the stall limit");
  }
}
