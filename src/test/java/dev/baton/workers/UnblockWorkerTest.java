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

/** One unblock prompt alone: the agent's own note quoted back, the row IN_PROGRESS first. */
class UnblockWorkerTest {
  @TempDir Path dir;
  WorkerBench bench;

  @BeforeEach
  void board() {
    bench =
        new WorkerBench(
            dir,
            "| T-001 | Add numbers | Ada (w1) | MED | BLOCKED | 2026-12-03 run-bench |",
            "| 2026-12-03 | Ada | T-001 | BLOCKED | npm install failed: EACCES |");
    bench.journal.begin(RUN, "- Add numbers\n", Map.of());
  }

  @AfterEach
  void close() {
    bench.close();
  }

  private UnblockWorker worker() {
    return new UnblockWorker(bench.prompter(), bench.board, bench.roster(), bench.events);
  }

  @Test
  void theAgentGetsItsOwnNoteBackAndItsRowIsInProgressAgain() {
    bench.simAgent("Ada", "--work", "30s");

    worker().unblock(job(41L), RUN, "T-001", "Ada");
    bench.awaitPrompts("Ada", 1);

    assertThat(bench.prompts("Ada"))
        .singleElement()
        .asString()
        .contains("npm install failed: EACCES");
    assertThat(bench.status("T-001")).isEqualTo(TaskStatus.IN_PROGRESS);
    assertThat(bench.journal.get(RUN).orElseThrow().prompts())
        .extracting(JournalEntry.Prompt::kind)
        .containsExactly("unblock");
  }

  /**
   * Not delivered: the model's AGENT_UNREACHABLE, caught by its boundary, which sets the agent
   * aside.
   */
  @Test
  void aDeadPaneRaisesAgentUnreachableForTheModel() {
    bench.deadAgent("Ada");

    BpmnError error =
        catchThrowableOfType(
            BpmnError.class, () -> worker().unblock(job(42L), RUN, "T-001", "Ada"));

    assertThat(error.getErrorCode()).isEqualTo(ErrorCodes.AGENT_UNREACHABLE);
    assertThat(bench.happened(Happened.Unreachable.class)).hasSize(1);
    assertThat(bench.journal.get(RUN).orElseThrow().prompts()).isEmpty();
  }

  @Test
  void anUnblockPastThePromptLimitRaisesGuardHitBeforeWritingAnything() {
    bench.set("baton.max-prompts-per-task", "1");
    bench.deadAgent("Ada");
    bench.journal.prompt(
        RUN, new JournalEntry.Prompt(Instant.now(), "T-001", "Ada", "task", 1L, 0));
    String before = bench.text();

    BpmnError error =
        catchThrowableOfType(
            BpmnError.class, () -> worker().unblock(job(43L), RUN, "T-001", "Ada"));

    assertThat(error.getErrorCode()).isEqualTo(ErrorCodes.GUARD_HIT);
    assertThat(bench.text()).isEqualTo(before);
  }
}
