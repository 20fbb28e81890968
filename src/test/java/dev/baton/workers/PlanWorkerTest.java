package dev.baton.workers;

import static dev.baton.workers.WorkerBench.RUN;
import static dev.baton.workers.WorkerBench.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.board.TaskStatus;
import dev.baton.run.JournalEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planning step alone: one planning row, one planning prompt, or "the lead is not free" for the
 * model's wait.
 */
class PlanWorkerTest {
  private static final String REQUEST = "build a calculator";

  @TempDir Path dir;
  WorkerBench bench;

  @BeforeEach
  void board() {
    bench =
        new WorkerBench(
            dir, "| T-001 | Older work | Bob (w9) | MED | COMPLETED | 2026-12-01 |", "");
    bench.journal.begin(RUN, REQUEST, Map.of());
    bench.journal.tasks(RUN, List.of(), true, 1);
  }

  @AfterEach
  void close() {
    bench.close();
  }

  private PlanWorker worker() {
    return new PlanWorker(
        bench.roster(), bench.pool(), bench.board, bench.prompter(), bench.journal);
  }

  @Test
  void aFreeLeadGetsOnePlanningPromptForOnePlanningRow() {
    bench.simAgent("Lead", "--work", "30s");
    PlanWorker plan = worker();

    Map<String, Object> out = plan.plan(job(71L), RUN, REQUEST);
    Map<String, Object> again =
        plan.plan(job(72L), RUN, REQUEST); // woken again while the lead plans
    bench.awaitPrompts("Lead", 1);

    assertThat(out).containsEntry("leadFree", true).containsEntry("planTaskId", "T-002");
    assertThat(again).isEqualTo(out);
    assertThat(bench.row("T-002").task()).isEqualTo("Planifier / plan: build a calculator");
    assertThat(bench.status("T-002")).isEqualTo(TaskStatus.IN_PROGRESS);
    assertThat(bench.text()).containsOnlyOnce("Planifier / plan:");
    assertThat(bench.prompts("Lead")).singleElement().asString().contains("T-003");
    assertThat(bench.journal.get(RUN).orElseThrow().prompts())
        .extracting(JournalEntry.Prompt::kind)
        .containsExactly("plan");
  }

  @Test
  void aBusyLeadIsReportedNotFreeAndThePlanningRowIsWrittenOnce() {
    bench.deadAgent("Lead");
    bench.pool().adopt("T-001", "Lead");
    PlanWorker plan = worker();

    Map<String, Object> out = plan.plan(job(73L), RUN, REQUEST);
    plan.plan(job(74L), RUN, REQUEST);

    assertThat(out).containsEntry("leadFree", false).containsEntry("planTaskId", "T-002");
    assertThat(bench.text()).containsOnlyOnce("Planifier / plan:");
    assertThat(bench.journal.get(RUN).orElseThrow().planTaskId()).isEqualTo("T-002");
    assertThat(bench.journal.get(RUN).orElseThrow().prompts()).isEmpty();
  }

  /**
   * A planning row this run wrote before a restart, not journaled yet, is taken back rather than
   * added again.
   */
  @Test
  void aPlanningRowWrittenBeforeARestartIsTakenBack() {
    bench.deadAgent("Lead");
    bench.pool().adopt("T-001", "Lead");
    bench.write(
        bench
            .text()
            .replace(
                "| 2026-12-01 |\n",
                "| 2026-12-01 |\n| T-002 | Planifier / plan: build a calculator | Lead (w1) | MED | IN_PROGRESS | 2026-12-03 run-bench |\n"));

    Map<String, Object> out = worker().plan(job(75L), RUN, REQUEST);

    assertThat(out).containsEntry("planTaskId", "T-002");
    assertThat(bench.text()).containsOnlyOnce("Planifier / plan:");
  }
}
