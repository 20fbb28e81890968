package dev.baton.workers;

import dev.baton.agents.AgentRoster;
import dev.baton.agents.AgentUnreachableException;
import dev.baton.agents.InterruptResult;
import dev.baton.agents.Interrupter;
import dev.baton.agents.PromptKind;
import dev.baton.agents.StateProbe;
import dev.baton.board.TaskBoard;
import dev.baton.process.ErrorCodes;
import dev.baton.process.JobTypes;
import dev.baton.run.Happened;
import dev.baton.run.Prompter;
import dev.baton.run.RunEvents;
import dev.baton.tmux.DeadPaneException;
import dev.baton.tmux.UnknownTargetException;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The test phase's answer to a silent tester (its report may have been lost in another agent's
 * overwrite, or it never started): keep its screen in the run log, interrupt it (Escape, then C-c
 * only if still busy) and give it the test prompt again. The model decides when (silent checks
 * against {@code inactivePolls}) and how often (once); a pane that does not take the prompt raises
 * the model's {@code AGENT_UNREACHABLE}; one that would pass the prompt limits is not sent, nor the
 * tester interrupted: {@code GUARD_HIT}, and the model gives the test up.
 */
@Component
public class InterruptTesterWorker {
  private static final int SCREEN_LINES = 12;

  private final AgentRoster roster;
  private final StateProbe probe;
  private final Interrupter interrupter;
  private final Prompter prompter;
  private final TaskBoard board;
  private final RunEvents events;

  public InterruptTesterWorker(
      AgentRoster roster,
      StateProbe probe,
      Interrupter interrupter,
      Prompter prompter,
      TaskBoard board,
      RunEvents events) {
    this.roster = roster;
    this.probe = probe;
    this.interrupter = interrupter;
    this.prompter = prompter;
    this.board = board;
    this.events = events;
  }

  @JobWorker(type = JobTypes.INTERRUPT_TESTER)
  public void interrupt(
      ActivatedJob job,
      @Variable String runId,
      @Variable String testId,
      @Variable String featureId,
      @Variable String agent,
      @Variable(optional = true) Integer silentPolls) {
    CostGuard.check(prompter, events, job.getKey(), runId, testId, agent);
    var who = roster.require(agent);
    try {
      var seen = probe.observe(who);
      InterruptResult result = interrupter.interrupt(who);
      String why =
          "silent on its test task for " + (silentPolls == null ? 0 : silentPolls) + " check(s)";
      events.emit(
          runId,
          InterruptWorker.interrupted(testId, agent, why, result, seen.lastLines(SCREEN_LINES)));
      String feature = board.row(featureId).map(r -> r.task()).orElse(featureId);
      prompter.send(
          runId, testId, "", agent, PromptKind.TEST, Map.of("feature", feature), job.getKey());
    } catch (AgentUnreachableException e) {
      AgentsLost.rethrowIfServerGone(e);
      throw unreachable(runId, testId, agent, e.getMessage(), String.join("\n", e.lastLines()));
    } catch (DeadPaneException | UnknownTargetException e) {
      throw unreachable(runId, testId, agent, e.getMessage(), "");
    }
  }

  private RuntimeException unreachable(
      String runId, String testId, String agent, String why, String screen) {
    events.emit(runId, new Happened.Unreachable(testId, agent, why));
    return CamundaError.bpmnError(
        ErrorCodes.AGENT_UNREACHABLE, why, Map.of("agent", agent, "lastScreen", screen));
  }
}
