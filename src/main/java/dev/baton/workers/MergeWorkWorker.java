package dev.baton.workers;

import dev.baton.board.TaskBoard;
import dev.baton.isolation.Merges;
import dev.baton.process.JobTypes;
import dev.baton.process.Variables;
import dev.baton.run.Happened;
import dev.baton.run.RunEvents;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * "Merge the task's work" (worktree isolation): the task's work goes into the run's integration
 * branch, or the model hears of a conflict ({@code mergeResult = "conflict"}, the files in {@code
 * conflictFiles}) and routes it to the resolve prompt. With {@code mergeStep = "give-up"} (the
 * model's limit reached) the work is kept on a branch of its own and the agent's worktree starts
 * over from the integration branch.
 */
@Component
public class MergeWorkWorker {
  private final Merges merges;
  private final TaskBoard board;
  private final RunEvents events;

  public MergeWorkWorker(Merges merges, TaskBoard board, RunEvents events) {
    this.merges = merges;
    this.board = board;
    this.events = events;
  }

  @JobWorker(type = JobTypes.MERGE_WORK)
  public Map<String, Object> merge(
      @Variable String runId,
      @Variable String taskId,
      @Variable String agent,
      @Variable(optional = true) String mergeStep,
      @Variable(optional = true) String conflictFiles) {
    if ("give-up".equals(mergeStep)) {
      String kept = merges.giveUp(runId, taskId, agent);
      events.emit(runId, new Happened.MergeGivenUp(taskId, agent, conflictFiles, kept));
      return Map.of(Variables.MERGE_RESULT, "given-up");
    }
    String title = board.row(taskId).map(r -> r.task()).orElse(taskId);
    Merges.Outcome o = merges.merge(runId, taskId, title, agent);
    if (!o.merged()) {
      String files = String.join(", ", o.conflictFiles());
      events.emit(runId, new Happened.MergeConflict(taskId, agent, o.conflictFiles()));
      return Map.of(Variables.MERGE_RESULT, "conflict", Variables.CONFLICT_FILES, files);
    }
    events.emit(runId, new Happened.Merged(taskId, agent, o.commit()));
    return Map.of(Variables.MERGE_RESULT, "merged", Variables.CONFLICT_FILES, "");
  }
}
