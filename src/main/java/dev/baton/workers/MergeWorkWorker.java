package dev.baton.workers;

import dev.baton.isolation.Merges;
import dev.baton.process.JobTypes;
import dev.baton.process.Variables;
import dev.baton.run.RunEvents;
import dev.baton.tasks.TaskBoard;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * "Merge the task's work" (worktree isolation): the task's work goes into the run's integration branch, or the model
 * hears of a conflict ({@code mergeResult = "conflict"}, the files in {@code conflictFiles}) and routes it to the
 * resolve prompt. With {@code mergeStep = "give-up"} (the model's limit reached) the work is kept on a branch of
 * its own and the agent's worktree starts over from the integration branch.
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
      events.emit(runId, taskId, agent, "merge-given-up",
          "merge conflict in " + conflictFiles + " not resolved: the work is kept on branch " + kept
              + ", not in the integration branch");
      return Map.of(Variables.MERGE_RESULT, "given-up");
    }
    String title = board.row(taskId).map(r -> r.task()).orElse(taskId);
    Merges.Outcome o = merges.merge(runId, taskId, title, agent);
    if (!o.merged()) {
      String files = String.join(", ", o.conflictFiles());
      events.emit(runId, taskId, agent, "merge-conflict", "merge conflict in " + files);
      return Map.of(Variables.MERGE_RESULT, "conflict", Variables.CONFLICT_FILES, files);
    }
    events.emit(runId, taskId, agent, "merged",
        (o.commit() == null ? "nothing new to commit" : "commit " + o.commit().substring(0, 7))
            + ", merged into the integration branch");
    return Map.of(Variables.MERGE_RESULT, "merged", Variables.CONFLICT_FILES, "");
  }
}
