package dev.baton.workers;

import dev.baton.agents.AgentRoster;
import dev.baton.board.TaskBoard;
import dev.baton.process.JobTypes;
import dev.baton.run.RunGate;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import org.springframework.stereotype.Component;

/**
 * The method's rule: the queue says IN_PROGRESS and who has the task <em>before</em> the prompt is
 * typed.
 */
@Component
public class UpdateBoardWorker {
  private final TaskBoard board;
  private final AgentRoster roster;
  private final RunGate gate;

  public UpdateBoardWorker(TaskBoard board, AgentRoster roster, RunGate gate) {
    this.board = board;
    this.roster = roster;
    this.gate = gate;
  }

  /**
   * Not once the run was stopped: the wind-down has put its rows back, and this row must not say
   * otherwise.
   */
  @JobWorker(type = JobTypes.UPDATE_BOARD)
  public void update(@Variable String runId, @Variable String taskId, @Variable String agent) {
    gate.whileOpen(
        runId,
        () -> {
          board.start(taskId, roster.require(agent).assignedTo());
          return true;
        });
  }
}
