package dev.baton.workers;

import dev.baton.agents.AgentRoster;
import dev.baton.agents.AgentUnreachableException;
import dev.baton.agents.PromptKind;
import dev.baton.board.TaskBoard;
import dev.baton.process.JobTypes;
import dev.baton.run.Happened;
import dev.baton.run.Prompter;
import dev.baton.run.RunEvents;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * "Resolve the merge conflict": the task goes back to IN_PROGRESS with its author, who gets a
 * prompt naming the conflicting files and its worktree; the model then waits for news of the task
 * as after any prompt, and merges again when the row says COMPLETED. A prompt past the limits
 * raises {@code GUARD_HIT} before anything is written.
 */
@Component
public class ResolveConflictWorker {
  private final Prompter prompter;
  private final TaskBoard board;
  private final AgentRoster roster;
  private final RunEvents events;

  public ResolveConflictWorker(
      Prompter prompter, TaskBoard board, AgentRoster roster, RunEvents events) {
    this.prompter = prompter;
    this.board = board;
    this.roster = roster;
    this.events = events;
  }

  @JobWorker(type = JobTypes.RESOLVE_CONFLICT)
  public void resolve(
      ActivatedJob job,
      @Variable String runId,
      @Variable String taskId,
      @Variable String agent,
      @Variable(optional = true) String conflictFiles) {
    CostGuard.check(prompter, events, job.getKey(), runId, taskId, agent);
    String description = board.row(taskId).map(r -> r.task()).orElse(taskId);
    board.start(taskId, roster.require(agent).assignedTo());
    try {
      prompter.send(
          runId,
          taskId,
          description,
          agent,
          PromptKind.RESOLVE,
          Map.of(
              "files",
              conflictFiles == null || conflictFiles.isBlank()
                  ? "(see git status)"
                  : conflictFiles),
          job.getKey());
    } catch (AgentUnreachableException e) {
      AgentsLost.rethrowIfServerGone(e);
      board.block(taskId, "resolve prompt not delivered: " + e.getMessage());
      events.emit(runId, new Happened.Unreachable(taskId, agent, e.getMessage()));
    }
  }
}
