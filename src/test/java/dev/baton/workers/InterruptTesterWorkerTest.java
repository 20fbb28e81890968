package dev.baton.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.baton.agents.AgentRoster;
import dev.baton.agents.AgentState;
import dev.baton.agents.StateProbe;
import dev.baton.process.ErrorCodes;
import dev.baton.run.RunJournal;
import dev.baton.workers.Team.Member;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.BpmnError;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The re-prompt of a silent tester, against a simulated agent in real tmux: the test prompt again,
 * or the error.
 */
class InterruptTesterWorkerTest {
  private static final String RUN = "run-interrupt-tester";

  private static ActivatedJob job(long key) {
    ActivatedJob job = mock(ActivatedJob.class);
    when(job.getKey()).thenReturn(key);
    return job;
  }

  private static void awaitIdle(Team team, String agent) {
    AgentRoster roster = team.bean(AgentRoster.class);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> team.bean(StateProbe.class).state(roster.require(agent)) == AgentState.IDLE);
  }

  @Test
  void aSilentTesterGetsTheTestPromptAgainAndItsScreenIsKept(@TempDir Path dir) {
    try (Team team = new Team(dir, List.of(Member.lead("Tester", "--work", "300ms"))).start()) {
      team.bean(RunJournal.class).begin(RUN, "- Add numbers\n", Map.of());
      awaitIdle(team, "Tester");

      team.bean(InterruptTesterWorker.class).interrupt(job(7L), RUN, "T-002", "T-001", "Tester", 2);

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> team.promptsReceived("Tester").containsKey("T-002"));
      assertThat(team.events(RUN, "interrupted"))
          .singleElement()
          .satisfies(
              e -> assertThat(e.message()).startsWith("silent on its test task for 2 check(s)"));
      assertThat(team.bean(RunJournal.class).get(RUN).orElseThrow().prompts())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.taskId()).isEqualTo("T-002");
                assertThat(p.kind()).isEqualTo("test");
              });
    }
  }

  @Test
  void aTesterWhosePaneDiedRaisesAgentUnreachable(@TempDir Path dir) {
    try (Team team = new Team(dir, List.of(Member.lead("Tester", "--work", "300ms"))).start()) {
      team.bean(RunJournal.class).begin(RUN, "- Add numbers\n", Map.of());
      awaitIdle(team, "Tester");
      team.tmux.setWindowOption(team.session + ":Tester", "remain-on-exit", "on");
      long pid = team.tmux.paneInfo(team.session + ":Tester").pid();
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      AgentRoster roster = team.bean(AgentRoster.class);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> team.bean(StateProbe.class).state(roster.require("Tester")) == AgentState.DEAD);

      BpmnError error =
          catchThrowableOfType(
              BpmnError.class,
              () ->
                  team.bean(InterruptTesterWorker.class)
                      .interrupt(job(8L), RUN, "T-002", "T-001", "Tester", 2));

      assertThat(error.getErrorCode()).isEqualTo(ErrorCodes.AGENT_UNREACHABLE);
      assertThat(error.getVariables()).isInstanceOf(Map.class);
      assertThat(((Map<?, ?>) error.getVariables()).get("agent")).isEqualTo("Tester");
      assertThat(team.events(RUN, "unreachable")).hasSize(1);
      assertThat(team.bean(RunJournal.class).get(RUN).orElseThrow().prompts()).isEmpty();
    }
  }

  /**
   * A tester whose window closed (tmux closes it when the CLI dies): the same error, without a
   * whole Baton.
   */
  @Test
  void aTesterWhoseWindowClosedRaisesAgentUnreachable(@TempDir Path dir) {
    try (WorkerBench bench =
        new WorkerBench(
            dir,
            "| T-002 | Test T-001 | Tester (w1) | MED | IN_PROGRESS | 2026-12-03 run-bench |",
            "")) {
      bench.deadAgent("Tester");
      bench.journal.begin(WorkerBench.RUN, "- Add numbers\n", Map.of());
      InterruptTesterWorker worker =
          new InterruptTesterWorker(
              bench.roster(),
              bench.probe(),
              bench.interrupter(),
              bench.prompter(),
              bench.board,
              bench.events);

      BpmnError error =
          catchThrowableOfType(
              BpmnError.class,
              () -> worker.interrupt(job(9L), WorkerBench.RUN, "T-002", "T-001", "Tester", 2));

      assertThat(error.getErrorCode()).isEqualTo(ErrorCodes.AGENT_UNREACHABLE);
      assertThat(((Map<?, ?>) error.getVariables()).get("agent")).isEqualTo("Tester");
      assertThat(bench.kinds()).containsExactly("unreachable");
    }
  }
}
