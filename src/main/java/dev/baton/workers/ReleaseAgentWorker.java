package dev.baton.workers;

import dev.baton.agents.AgentPool;
import dev.baton.board.TaskStatus;
import dev.baton.process.JobTypes;
import dev.baton.run.RunEvents;
import dev.baton.run.RunJournal;
import dev.baton.run.RunProperties;
import dev.baton.tasks.BlockKind;
import dev.baton.tasks.TaskBoard;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import org.springframework.stereotype.Component;

/**
 * Frees a task's agent; the model says why in {@code reason}. Done: the agent serves the next waiting task as soon
 * as its screen is idle. Reassign: the task goes back to PENDING and never returns to that agent; a usage limit
 * also rests the agent. Unreachable: the agent is set aside for the cooldown. Guard: the task stays BLOCKED.
 */
@Component
public class ReleaseAgentWorker {
  private final AgentPool pool;
  private final TaskBoard board;
  private final RunJournal journal;
  private final RunEvents events;
  private final RunProperties props;

  public ReleaseAgentWorker(
      AgentPool pool, TaskBoard board, RunJournal journal, RunEvents events, RunProperties props) {
    this.pool = pool;
    this.board = board;
    this.journal = journal;
    this.events = events;
    this.props = props;
  }

  @JobWorker(type = JobTypes.RELEASE_AGENT)
  public void release(
      @Variable String runId,
      @Variable String taskId,
      @Variable(optional = true) String agent,
      @Variable String reason,
      @Variable(optional = true) String blockKind) {
    if (agent == null) {
      pool.forget(taskId);
      return;
    }
    switch (reason) {
      case "done" -> {
        pool.release(taskId, agent);
        updateProgress(runId);
      }
      case "guard" -> {
        pool.release(taskId, agent);
        pool.forget(taskId);
        events.emit(runId, taskId, agent, "given-up", "given up: a cost guard was hit");
      }
      case "unreachable" -> {
        pool.coolDown(agent, props.cooldown(), "did not take a prompt");
        board.putBack(taskId);
        events.emit(
            runId, taskId, agent, "reassigned", agent + " set aside (unreachable); task back to PENDING");
      }
      default -> {
        if (BlockKind.CREDITS.word().equals(blockKind)) {
          pool.coolDown(agent, props.cooldown(), "usage limit");
        } else if (BlockKind.AGENT_GONE.word().equals(blockKind)) {
          pool.remove(agent, "pane gone");
        } else {
          pool.reassign(taskId, agent);
        }
        board.putBack(taskId);
        events.emit(
            runId,
            taskId,
            agent,
            "reassigned",
            "taken from " + agent + (blockKind == null ? " (silent)" : " (" + blockKind + ")")
                + ", back to PENDING");
      }
    }
  }

  private void updateProgress(String runId) {
    journal
        .get(runId)
        .ifPresent(
            entry -> {
              var now = board.read();
              long total = entry.taskIds().size() + entry.testTasks().size();
              long done =
                  entry.taskIds().stream()
                      .filter(
                          id -> now.status(TaskBoard.id(id)).map(s -> s == TaskStatus.COMPLETED).orElse(false))
                      .count();
              if (total > 0) {
                board.progress((int) Math.min(99, (done * 100) / total));
              }
            });
  }
}
