package dev.baton.workers;

import dev.baton.agents.AgentUnreachableException;
import dev.baton.process.ErrorCodes;
import dev.baton.run.Happened;
import dev.baton.run.RunEvents;
import io.camunda.client.exception.BpmnError;
import io.camunda.client.exception.CamundaError;
import java.util.HashMap;
import java.util.Map;

/**
 * A prompt the agent's pane did not take, as every step that types one reports it: the run's events
 * say so, and the model's {@code AGENT_UNREACHABLE} carries the screen the agent showed ({@code
 * lastScreen}), for the boundary that sets the agent aside. A gone tmux server is not one agent
 * being unreachable: it goes through unchanged ({@link AgentsLost}).
 */
final class UnreachableAgent {
  private UnreachableAgent() {}

  /**
   * The error to throw for {@code e}; {@code variables} are set beside {@code lastScreen} where the
   * model reads them from the error (the test phase names the agent it sets aside).
   */
  static BpmnError error(
      RunEvents events,
      String runId,
      String taskId,
      String agent,
      AgentUnreachableException e,
      Map<String, Object> variables) {
    AgentsLost.rethrowIfServerGone(e);
    events.emit(runId, new Happened.Unreachable(taskId, agent, e.getMessage()));
    Map<String, Object> out = new HashMap<>(variables);
    out.put("lastScreen", String.join("\n", e.lastLines()));
    return CamundaError.bpmnError(ErrorCodes.AGENT_UNREACHABLE, e.getMessage(), out);
  }
}
