package dev.baton.workers;

import static dev.baton.workers.WorkerBench.RUN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.agents.AgentPool;
import dev.baton.board.TaskStatus;
import dev.baton.run.Happened;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Out of Ralph cycles, alone: the test row BLOCKED with why, the outcome journaled, the tester
 * freed.
 */
class EscalateWorkerTest {
  @TempDir Path dir;

  @Test
  void theFeatureIsReportedFailingAndTheTesterFreed() {
    try (WorkerBench bench =
        new WorkerBench(
            dir,
            """
        | T-001 | Add numbers | Ada (w1) | MED | COMPLETED | 2026-12-03 run-bench |
        | T-002 | Test T-001 | Tess (w2) | MED | COMPLETED | 2026-12-03 run-bench |
        """,
            "| 2026-12-03 | Tess | T-002 | COMPLETED | FAILED |")) {
      bench.deadAgent("Tess");
      bench.pool().adopt("T-002", "Tess");
      bench.journal.begin(RUN, "- Add numbers\n", Map.of());

      new EscalateWorker(bench.pool(), bench.board, bench.journal, bench.events, bench.clock)
          .escalate(RUN, "T-002", "T-001", "Tess", 3);

      assertThat(bench.status("T-002")).isEqualTo(TaskStatus.BLOCKED);
      assertThat(bench.lastNote("T-002"))
          .isEqualTo("FAILED after 3 Ralph cycle(s): reported to the user");
      assertThat(bench.journal.get(RUN).orElseThrow().tests())
          .singleElement()
          .satisfies(t -> assertThat(t.verdict()).isEqualTo("escalated"));
      assertThat(bench.availability("Tess")).isEqualTo(AgentPool.Availability.FREE);
      assertThat(bench.happened(Happened.Escalated.class))
          .containsExactly(new Happened.Escalated("T-002", "Tess", "T-001", 3));
    }
  }
}
