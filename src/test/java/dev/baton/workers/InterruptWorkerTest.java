package dev.baton.workers;

import static dev.baton.workers.WorkerBench.RUN;
import static dev.baton.workers.WorkerBench.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.agents.PromptKind;
import dev.baton.agents.SilenceTracker;
import dev.baton.process.ErrorCodes;
import dev.baton.run.Happened;
import dev.baton.run.JournalEntry;
import dev.baton.run.Prompter;
import io.camunda.client.exception.BpmnError;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interrupt and prompt again, alone, against the simulated agent: keys only for a busy agent, then
 * the prompt.
 */
class InterruptWorkerTest {
  @TempDir Path dir;
  WorkerBench bench;

  @BeforeEach
  void board() {
    bench =
        new WorkerBench(
            dir,
            "| T-001 | Add numbers | Ada (w1) | MED | IN_PROGRESS | 2026-12-03 run-bench |",
            "");
    bench.journal.begin(RUN, "- Add numbers\n", Map.of());
  }

  @AfterEach
  void close() {
    bench.close();
  }

  private InterruptWorker worker(Prompter prompter) {
    return new InterruptWorker(
        bench.roster(),
        bench.probe(),
        bench.interrupter(),
        prompter,
        bench.board,
        new SilenceTracker(),
        bench.events);
  }

  @Test
  void aSilentIdleAgentGetsNoKeyAndThePromptAgain() {
    bench.simAgent("Ada", "--work", "30s");

    worker(bench.prompter()).interrupt(job(61L), RUN, "T-001", "Ada", "silent", 2, 0);
    bench.awaitPrompts("Ada", 1);

    assertThat(bench.happened(Happened.Interrupted.class))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.escapeSent()).isFalse();
              assertThat(i.why()).isEqualTo("silent for 2 poll(s)");
            });
    assertThat(bench.prompts("Ada")).hasSize(1);
  }

  @Test
  void aStuckBusyAgentIsStoppedWithEscapeThenPromptedAgain() {
    bench.simAgent("Ada", "--work", "30s");
    Prompter prompter = bench.prompter();
    prompter.send(RUN, "T-001", "Add numbers", "Ada", PromptKind.TASK, Map.of(), 60L);
    bench.awaitPrompts("Ada", 1);

    worker(prompter).interrupt(job(62L), RUN, "T-001", "Ada", "stuck", 0, 3);
    bench.awaitPrompts("Ada", 2);

    assertThat(bench.happened(Happened.Interrupted.class))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.escapeSent()).isTrue();
              assertThat(i.why()).startsWith("busy with no change");
            });
    assertThat(bench.prompts("Ada")).hasSize(2);
  }

  @Test
  void anInterruptPastThePromptLimitRaisesGuardHitAndSendsNoKey() {
    bench.set("baton.max-prompts-per-task", "1");
    bench.deadAgent("Ada");
    bench.journal.prompt(
        RUN, new JournalEntry.Prompt(Instant.now(), "T-001", "Ada", "task", 1L, 0));

    BpmnError error =
        catchThrowableOfType(
            BpmnError.class,
            () ->
                worker(bench.prompter()).interrupt(job(63L), RUN, "T-001", "Ada", "silent", 2, 0));

    assertThat(error.getErrorCode()).isEqualTo(ErrorCodes.GUARD_HIT);
    assertThat(bench.kinds()).doesNotContain("interrupted");
  }

  /**
   * A dead pane: AGENT_UNREACHABLE for the model's boundary, which takes the agent out and puts the
   * task back.
   */
  @Test
  void aDeadPaneRaisesAgentUnreachableForTheModel() {
    bench.deadAgent("Ada");

    BpmnError error =
        catchThrowableOfType(
            BpmnError.class,
            () ->
                worker(bench.prompter()).interrupt(job(64L), RUN, "T-001", "Ada", "silent", 2, 0));

    assertThat(error.getErrorCode()).isEqualTo(ErrorCodes.AGENT_UNREACHABLE);
    assertThat(bench.happened(Happened.Unreachable.class)).hasSize(1);
    assertThat(bench.journal.get(RUN).orElseThrow().prompts()).isEmpty();
  }
}
