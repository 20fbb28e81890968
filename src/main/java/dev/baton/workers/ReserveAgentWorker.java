package dev.baton.workers;

import dev.baton.agents.AgentPool;
import dev.baton.board.Board;
import dev.baton.board.Dependencies;
import dev.baton.board.TaskBoard;
import dev.baton.board.TaskRow;
import dev.baton.process.JobTypes;
import dev.baton.run.Happened;
import dev.baton.run.RunEvents;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.exception.CamundaError;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Asks the pool for an agent; a task that gets none waits in the pool's queue for the model's
 * wake-up message. A task that waits for one no longer on the board would wait for ever: {@code
 * missingDependency} names it, and the model releases the task.
 */
@Component
public class ReserveAgentWorker {
  private final AgentPool pool;
  private final TaskBoard board;
  private final RunEvents events;
  private final AgentRouting routing;

  public ReserveAgentWorker(
      AgentPool pool, TaskBoard board, RunEvents events, AgentRouting routing) {
    this.pool = pool;
    this.board = board;
    this.events = events;
    this.routing = routing;
  }

  @JobWorker(type = JobTypes.RESERVE_AGENT)
  public Map<String, Object> reserve(@Variable String runId, @Variable String taskId) {
    Board now = board.read();
    TaskRow row =
        now.task(TaskBoard.id(taskId))
            .orElseThrow(
                () -> CamundaError.jobError(taskId + " is not in the board's queue (yet)"));
    boolean alreadyWaiting = pool.waiting().stream().anyMatch(w -> w.taskId().equals(taskId));
    // the table is asked once, when the task first looks for an agent; the pool keeps its answer
    // while it waits
    var rule =
        alreadyWaiting || pool.agentOf(taskId).isPresent()
            ? null
            : routing.decide("feature", row, null);
    var agent =
        pool.reserve(
            new AgentPool.Waiting(taskId, TaskBoard.rank(row.priority()), row.id().number(), rule));
    Map<String, Object> out = new HashMap<>();
    out.put("reserved", agent.isPresent());
    out.put("agent", agent.orElse(null));
    String missing =
        agent.isPresent()
            ? null
            : Dependencies.of(row.task()).stream()
                .filter(dep -> now.task(TaskBoard.id(dep)).isEmpty())
                .findFirst()
                .orElse(null);
    out.put("missingDependency", missing);
    if (missing != null) {
      return out;
    }
    if (agent.isEmpty() && !alreadyWaiting) {
      events.emit(runId, new Happened.WaitingForAgent(taskId));
    }
    return out;
  }
}
