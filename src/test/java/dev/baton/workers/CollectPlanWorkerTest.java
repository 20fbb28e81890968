package dev.baton.workers;

import static dev.baton.workers.WorkerBench.RUN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.agents.AgentPool;
import dev.baton.run.Happened;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Collecting the lead's plan alone (PlanOwnershipTest covers whose rows it takes): not before the
 * row is done.
 */
class CollectPlanWorkerTest {
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
            "| T-001 | Planifier / plan: build a calculator | Lead (w1) | MED | IN_PROGRESS | 2026-12-03 run-bench |",
            "");
    bench.deadAgent("Lead");
    bench.journal.begin(RUN, "build a calculator", Map.of());
    bench.journal.tasks(RUN, List.of(), true, 0);
    bench.journal.planTask(RUN, "T-001");
    bench.pool().adopt("T-001", "Lead");
  }

  private CollectPlanWorker worker() {
    return new CollectPlanWorker(bench.board, bench.journal, bench.pool(), bench.events);
  }

  /**
   * The lead writes its rows before it marks the planning row: rows seen earlier are not taken
   * half-made.
   */
  @Test
  void aPlanWhoseRowIsNotDoneYetIsNotReadAndTheLeadKeepsIt() {
    bench.write(
        bench
            .text()
            .replace(
                "| IN_PROGRESS | 2026-12-03 run-bench |\n",
                "| IN_PROGRESS | 2026-12-03 run-bench |\n| T-002 | Add numbers | | HIGH | PENDING | 2026-12-03 |\n"));

    Map<String, Object> out = worker().collect(RUN);

    assertThat(out).containsEntry("planReady", false).containsEntry("taskIds", List.of());
    assertThat(bench.journal.get(RUN).orElseThrow().taskIds()).isEmpty();
    assertThat(bench.availability("Lead")).isEqualTo(AgentPool.Availability.BUSY);
  }

  @Test
  void aDonePlanTakesItsRowsByPriorityFreesTheLeadAndSaysWhichRowsItCouldNotRead() {
    bench.write(
        bench
            .text()
            .replace(
                "| IN_PROGRESS | 2026-12-03 run-bench |\n",
                "| COMPLETED | 2026-12-03 run-bench |\n"
                    + "| T-002 | Add numbers | | LOW | PENDING | 2026-12-03 |\n"
                    + "| T-003 | Subtract numbers | | HIGH | PENDING | 2026-12-03 |\n"
                    + "| T-004 | Multiply | | MED | SOMEDAY | 2026-12-03 |\n"));

    Map<String, Object> out = worker().collect(RUN);

    assertThat(out).containsEntry("planReady", true);
    assertThat(out.get("taskIds")).isEqualTo(List.of("T-003", "T-002"));
    assertThat(bench.availability("Lead")).isEqualTo(AgentPool.Availability.FREE);
    assertThat(bench.happened(Happened.PlanRowIgnored.class))
        .singleElement()
        .satisfies(i -> assertThat(i.problem()).contains("T-004"));
  }
}
