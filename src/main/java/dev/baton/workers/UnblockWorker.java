package dev.baton.workers;

import dev.baton.agents.AgentRoster;
import dev.baton.agents.AgentUnreachableException;
import dev.baton.agents.PromptKind;
import dev.baton.board.TaskBoard;
import dev.baton.process.JobTypes;
import dev.baton.run.Prompter;
import dev.baton.run.RunEvents;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A technical error gets one unblock prompt to the same agent, with its own note quoted back; the
 * row goes back to IN_PROGRESS first, as for any prompt. If the agent cannot take it, the step
 * raises the model's {@code AGENT_UNREACHABLE}, whose boundary sets the agent aside and puts the
 * task back. That the prompt was sent ({@code unblockSent}) is the model's to record, not this
 * step's. A prompt past the limits raises the model's {@code GUARD_HIT} before anything is written.
 */
@Component
public class UnblockWorker {
  private final Prompter prompter;
  private final TaskBoard board;
  private final AgentRoster roster;
  private final RunEvents events;

  public UnblockWorker(Prompter prompter, TaskBoard board, AgentRoster roster, RunEvents events) {
    this.prompter = prompter;
    this.board = board;
    this.roster = roster;
    this.events = events;
  }

  @JobWorker(type = JobTypes.UNBLOCK)
  public void unblock(
      ActivatedJob job, @Variable String runId, @Variable String taskId, @Variable String agent) {
    CostGuard.check(prompter, events, job.getKey(), runId, taskId, agent);
    String note = board.lastNote(taskId).orElse("");
    String description = board.row(taskId).map(r -> r.task()).orElse(taskId);
    board.start(taskId, roster.require(agent).assignedTo());
    try {
      prompter.send(
          runId,
          taskId,
          description,
          agent,
          PromptKind.UNBLOCK,
          Map.of("note", note),
          job.getKey());
    } catch (AgentUnreachableException e) {
      // the model's "Agent unreachable" boundary sets the agent aside and puts the task back, as in
      // Distribute
      throw UnreachableAgent.error(events, runId, taskId, agent, e, Map.of());
    }
  }
}
