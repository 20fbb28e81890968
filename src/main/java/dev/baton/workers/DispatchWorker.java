package dev.baton.workers;

import dev.baton.agents.AgentUnreachableException;
import dev.baton.agents.PromptKind;
import dev.baton.board.TaskBoard;
import dev.baton.process.JobTypes;
import dev.baton.run.Happened;
import dev.baton.run.Prompter;
import dev.baton.run.Resumption;
import dev.baton.run.RunEvents;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Types the task's prompt into its agent's pane. A prompt past the limits raises the model's {@code
 * GUARD_HIT} instead; an agent that cannot take the prompt raises its {@code AGENT_UNREACHABLE}.
 */
@Component
public class DispatchWorker {
  private final Prompter prompter;
  private final TaskBoard board;
  private final Resumption resumption;
  private final RunEvents events;

  public DispatchWorker(
      Prompter prompter, TaskBoard board, Resumption resumption, RunEvents events) {
    this.prompter = prompter;
    this.board = board;
    this.resumption = resumption;
    this.events = events;
  }

  @JobWorker(type = JobTypes.DISPATCH)
  public void dispatch(
      ActivatedJob job,
      @Variable String runId,
      @Variable String taskId,
      @Variable String agent,
      @Variable(optional = true) String promptKind) {
    if (resumption.alreadyPrompted(taskId, agent)) {
      events.emit(runId, new Happened.AlreadyPrompted(taskId, agent));
      return;
    }
    CostGuard.check(prompter, events, job.getKey(), runId, taskId, agent);
    PromptKind kind = "reassigned".equals(promptKind) ? PromptKind.REASSIGNED : PromptKind.TASK;
    String description = board.row(taskId).map(r -> r.task()).orElse(taskId);
    try {
      Map<String, String> values =
          kind == PromptKind.REASSIGNED
              ? Map.of("note", board.lastNote(taskId).orElse(""))
              : Map.of();
      prompter.send(runId, taskId, description, agent, kind, values, job.getKey());
    } catch (AgentUnreachableException e) {
      throw UnreachableAgent.error(events, runId, taskId, agent, e, Map.of());
    }
  }
}
