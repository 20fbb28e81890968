package dev.baton.workers;

import dev.baton.process.ErrorCodes;
import dev.baton.process.Variables;
import dev.baton.run.Happened;
import dev.baton.run.Prompter;
import dev.baton.run.RunEvents;
import io.camunda.client.exception.CamundaError;
import java.util.Map;

/**
 * The prompt limits as the model sees them: a step about to send a task's prompt raises {@code
 * GUARD_HIT} with the reason, and the model's boundary event routes the task to "give it up". The
 * step itself writes nothing to the board; the give-up step does, so the route is visible in the
 * model and the board says why.
 */
final class CostGuard {
  private CostGuard() {}

  /**
   * Throws the model's {@code GUARD_HIT} when one more prompt for {@code taskId} would pass a
   * limit. The error carries the reason and the agent, so the give-up step frees the agent even
   * when the step that found the limit had just reserved it (the test hand-over).
   */
  static void check(
      Prompter prompter, RunEvents events, long jobKey, String runId, String taskId, String agent) {
    String reason = prompter.guardHit(runId, taskId, jobKey);
    if (reason != null) {
      events.emit(runId, new Happened.GuardHit(taskId, agent, reason));
      throw CamundaError.bpmnError(
          ErrorCodes.GUARD_HIT,
          reason,
          Map.of(Variables.GUARD_REASON, reason, Variables.AGENT, agent));
    }
  }
}
