package dev.baton.workers;

import static dev.baton.workers.WorkerBench.RUN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.board.TaskStatus;
import dev.baton.run.JournalEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Phase 4's plan alone: one test row per completed feature, written once, resumed where the journal
 * left it.
 */
class PlanTestsWorkerTest {
  @TempDir Path dir;
  WorkerBench bench;

  /** Its tmux server, when a test started one, and its simulated agents. */
  @AfterEach
  void close() {
    bench.close();
  }

  @BeforeEach
  void board() {
    bench =
        new WorkerBench(
            dir,
            """
        | T-001 | Add numbers | Ada (w1) | MED | COMPLETED | 2026-12-03 run-bench |
        | T-002 | Subtract numbers | Bob (w2) | MED | BLOCKED | 2026-12-03 run-bench |
        | T-003 | Multiply | Bob (w2) | MED | COMPLETED | 2026-12-03 run-bench |
        """,
            "");
    bench.journal.begin(RUN, "- Add numbers\n- Subtract numbers\n- Multiply\n", Map.of());
    bench.journal.tasks(RUN, List.of("T-001", "T-002", "T-003"), false, 0);
  }

  private PlanTestsWorker worker() {
    return new PlanTestsWorker(bench.board, bench.journal, bench.events);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> tasks(Map<String, Object> out) {
    return (List<Map<String, Object>>) out.get("testTasks");
  }

  @Test
  void eachCompletedFeatureGetsOnePendingTestRowWithItsAuthor() {
    Map<String, Object> out = worker().planTests(RUN);

    assertThat(tasks(out))
        .containsExactly(
            Map.of("testId", "T-004", "featureId", "T-001", "author", "Ada", "ralphCycle", 1),
            Map.of("testId", "T-005", "featureId", "T-003", "author", "Bob", "ralphCycle", 1));
    assertThat(bench.row("T-004").task()).isEqualTo("Run the tests for T-001 : Add numbers");
    assertThat(bench.status("T-005")).isEqualTo(TaskStatus.PENDING);
    assertThat(bench.kinds()).containsExactly("tests-planned");
  }

  @Test
  void aSecondDeliveryWritesNoSecondRow() {
    PlanTestsWorker plan = worker();
    plan.planTests(RUN);
    String board = bench.text();

    Map<String, Object> again = plan.planTests(RUN);

    assertThat(bench.text()).isEqualTo(board);
    assertThat(tasks(again)).extracting(t -> t.get("testId")).containsExactly("T-004", "T-005");
  }

  /** Rows written before a crash and not journaled are found, not written twice. */
  @Test
  void testRowsWrittenButNotJournaledAreTakenBack() {
    bench.write(
        bench
            .text()
            .replace(
                "| T-003 | Multiply | Bob (w2) | MED | COMPLETED | 2026-12-03 run-bench |\n",
                "| T-003 | Multiply | Bob (w2) | MED | COMPLETED | 2026-12-03 run-bench |\n"
                    + "| T-004 | Run the tests for T-001 : Add numbers | | MED | PENDING | 2026-12-03 run-bench |\n"));

    Map<String, Object> out = worker().planTests(RUN);

    assertThat(tasks(out)).extracting(t -> t.get("testId")).containsExactly("T-004", "T-005");
    assertThat(bench.text()).containsOnlyOnce("Run the tests for T-001");
  }

  /** Resumed: a passed feature is not tested again; a failed one goes on at the next cycle. */
  @Test
  void aResumedRunTestsOnlyUndecidedFeaturesAtTheirNextCycle() {
    worker().planTests(RUN);
    bench.journal.test(
        RUN, new JournalEntry.TestOutcome(Instant.now(), "T-001", "T-004", 1, "passed", "ok"));
    bench.journal.test(
        RUN, new JournalEntry.TestOutcome(Instant.now(), "T-003", "T-005", 1, "failed", "FAILED"));

    Map<String, Object> out = worker().planTests(RUN);

    assertThat(tasks(out))
        .containsExactly(
            Map.of("testId", "T-005", "featureId", "T-003", "author", "Bob", "ralphCycle", 2));
  }
}
