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
import dev.baton.run.Resumption;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.BpmnError;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The send step alone, with the real prompter and the real submit: into the simulated agent's pane,
 * refused past the prompt limits ({@code GUARD_HIT}), failing on a dead pane ({@code
 * AGENT_UNREACHABLE}), and never twice for one job.
 */
@SuppressWarnings("unchecked")
class DispatchWorkerTest {
  @TempDir Path dir;
  WorkerBench bench;

  @BeforeEach
  void board() {
    bench =
        new WorkerBench(
            dir,
            """
        | T-001 | Add numbers | Ada (w1) | MED | IN_PROGRESS | 2026-12-03 run-bench |
        """,
            "| 2026-12-03 | Bob | T-001 | BLOCKED | the build tool is missing |");
  }

  @AfterEach
  void close() {
    bench.close();
  }

  private static ActivatedJob job(long key) {
    ActivatedJob job = mock(ActivatedJob.class);
    when(job.getKey()).thenReturn(key);
    return job;
  }

  /**
   * Resumption as a restarted Baton leaves it: nothing adopted, or this one task's prompt already
   * out.
   */
  private static Resumption resumption(String adopted) {
    return new Resumption(null, null, null, null, null, null, null, null, null, null) {
      @Override
      public boolean alreadyPrompted(String taskId, String agent) {
        return (taskId + "@" + agent).equals(adopted);
      }
    };
  }

  private DispatchWorker worker(String adopted) {
    return new DispatchWorker(bench.prompter(), bench.board, resumption(adopted), bench.events);
  }

  private void awaitPrompts(String agent, int count) {
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (bench.prompts(agent).size() < count && System.nanoTime() < until) {
      WorkerBench.pause(Duration.ofMillis(50));
    }
  }

  @Test
  void theTasksPromptReachesTheAgentOnceAndIsJournaledWithItsJob() {
    bench.simAgent("Ada", "--work", "30s");
    bench.journal.begin(RUN, "- Add numbers\n", Map.of());
    DispatchWorker dispatch = worker(null);

    dispatch.dispatch(job(11L), RUN, "T-001", "Ada", null);
    dispatch.dispatch(job(11L), RUN, "T-001", "Ada", null); // the same job delivered again
    awaitPrompts("Ada", 1);

    assertThat(bench.prompts("Ada")).singleElement().asString().contains("T-001", "Add numbers");
    assertThat(bench.journal.get(RUN).orElseThrow().prompts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.jobKey()).isEqualTo(11L);
              assertThat(p.kind()).isEqualTo("task");
            });
    assertThat(bench.happened(Happened.PromptSubmitted.class)).hasSize(1);
  }

  @Test
  void aReassignedPromptCarriesTheNoteItsPreviousAgentLeft() {
    bench.simAgent("Ada", "--work", "30s");
    bench.journal.begin(RUN, "- Add numbers\n", Map.of());

    worker(null).dispatch(job(12L), RUN, "T-001", "Ada", "reassigned");
    awaitPrompts("Ada", 1);

    assertThat(bench.prompts("Ada"))
        .singleElement()
        .asString()
        .contains("the build tool is missing");
    assertThat(bench.journal.get(RUN).orElseThrow().prompts())
        .extracting(JournalEntry.Prompt::kind)
        .containsExactly("reassigned");
  }

  @Test
  void aPromptPastTheLimitForItsTaskRaisesGuardHitAndTypesNothing() {
    bench.set("baton.max-prompts-per-task", "2");
    bench.settled(bench.agent("Ada", WorkerBench.IDLE_SCREEN), "shortcuts");
    bench.journal.begin(RUN, "- Add numbers\n", Map.of());
    bench.journal.prompt(
        RUN, new JournalEntry.Prompt(Instant.now(), "T-001", "Ada", "task", 1L, 0));
    bench.journal.prompt(
        RUN, new JournalEntry.Prompt(Instant.now(), "T-001", "Ada", "interrupt", 2L, 0));
    String screen = bench.tmux().client().capture("t:Ada", 40, false);

    BpmnError error =
        catchThrowableOfType(
            BpmnError.class, () -> worker(null).dispatch(job(13L), RUN, "T-001", "Ada", null));

    assertThat(error.getErrorCode()).isEqualTo(ErrorCodes.GUARD_HIT);
    assertThat((Map<String, Object>) error.getVariables())
        .containsEntry(Variables.AGENT, "Ada")
        .hasEntrySatisfying(
            Variables.GUARD_REASON,
            r ->
                assertThat(r.toString())
                    .contains("2 sent for T-001", "baton.max-prompts-per-task"));
    assertThat(bench.happened(Happened.GuardHit.class))
        .singleElement()
        .satisfies(g -> assertThat(g.agent()).isEqualTo("Ada"));
    assertThat(bench.journal.get(RUN).orElseThrow().prompts()).hasSize(2);
    assertThat(bench.tmux().client().capture("t:Ada", 40, false)).isEqualTo(screen);
    assertThat(bench.status("T-001"))
        .as("the board is the give-up step's")
        .isEqualTo(dev.baton.board.TaskStatus.IN_PROGRESS);
  }

  @Test
  void aPromptPastTheRunsLimitRaisesGuardHitToo() {
    bench.set("baton.max-prompts-per-run", "1");
    bench.settled(bench.agent("Ada", WorkerBench.IDLE_SCREEN), "shortcuts");
    bench.journal.begin(RUN, "- Add numbers\n", Map.of());
    bench.journal.prompt(
        RUN, new JournalEntry.Prompt(Instant.now(), "T-009", "Ada", "task", 1L, 0));

    BpmnError error =
        catchThrowableOfType(
            BpmnError.class, () -> worker(null).dispatch(job(14L), RUN, "T-001", "Ada", null));

    assertThat(error.getErrorCode()).isEqualTo(ErrorCodes.GUARD_HIT);
    assertThat(error.getMessage()).contains("baton.max-prompts-per-run");
  }

  @Test
  void aDeadPaneRaisesAgentUnreachableAndLeavesNoPromptInTheJournal() {
    bench.deadAgent("Ada");
    bench.journal.begin(RUN, "- Add numbers\n", Map.of());

    BpmnError error =
        catchThrowableOfType(
            BpmnError.class, () -> worker(null).dispatch(job(15L), RUN, "T-001", "Ada", null));

    assertThat(error.getErrorCode()).isEqualTo(ErrorCodes.AGENT_UNREACHABLE);
    assertThat((Map<String, Object>) error.getVariables()).containsKey("lastScreen");
    assertThat(bench.happened(Happened.Unreachable.class))
        .singleElement()
        .satisfies(u -> assertThat(u.agent()).isEqualTo("Ada"));
    assertThat(bench.journal.get(RUN).orElseThrow().prompts()).isEmpty();
  }

  /**
   * A restarted Baton found the prompt already typed before it died: the re-delivered send types
   * nothing.
   */
  @Test
  void aPromptAlreadySentBeforeARestartIsNotTypedAgain() {
    bench.settled(bench.agent("Ada", WorkerBench.IDLE_SCREEN), "shortcuts");
    bench.journal.begin(RUN, "- Add numbers\n", Map.of());
    String screen = bench.tmux().client().capture("t:Ada", 40, false);

    worker("T-001@Ada").dispatch(job(16L), RUN, "T-001", "Ada", null);

    assertThat(bench.happened(Happened.AlreadyPrompted.class))
        .containsExactly(new Happened.AlreadyPrompted("T-001", "Ada"));
    assertThat(bench.journal.get(RUN).orElseThrow().prompts()).isEmpty();
    assertThat(bench.tmux().client().capture("t:Ada", 40, false)).isEqualTo(screen);
  }
}
