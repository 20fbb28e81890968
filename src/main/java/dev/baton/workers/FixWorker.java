package dev.baton.workers;

import dev.baton.agents.AgentRoster;
import dev.baton.agents.AgentUnreachableException;
import dev.baton.agents.PromptKind;
import dev.baton.board.TaskBoard;
import dev.baton.board.TaskStatus;
import dev.baton.process.JobTypes;
import dev.baton.run.Prompter;
import dev.baton.run.RunEvents;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Ralph's debug-and-fix step: the test task goes back to IN_PROGRESS and its agent gets the failure
 * output with the instruction to fix, then mark the row COMPLETED; the model then re-tests. A pane
 * that does not take the prompt raises the model's {@code AGENT_UNREACHABLE}: the model frees the
 * tester and gives the test to another agent. A fix prompt that would pass the prompt limits is not
 * sent: {@code GUARD_HIT}, and the model gives the test up.
 */
@Component
public class FixWorker {
  private final Prompter prompter;
  private final TaskBoard board;
  private final AgentRoster roster;
  private final RunEvents events;

  public FixWorker(Prompter prompter, TaskBoard board, AgentRoster roster, RunEvents events) {
    this.prompter = prompter;
    this.board = board;
    this.roster = roster;
    this.events = events;
  }

  @JobWorker(type = JobTypes.FIX)
  public void fix(
      ActivatedJob job,
      @Variable String runId,
      @Variable String testId,
      @Variable String featureId,
      @Variable String agent,
      @Variable(optional = true) String failureTail) {
    CostGuard.check(prompter, events, job.getKey(), runId, testId, agent);
    // the row still says COMPLETED with the failed verdict: reopened, or the next check reads that
    // verdict again
    board
        .store()
        .assign(TaskBoard.id(testId), roster.require(agent).assignedTo(), TaskStatus.IN_PROGRESS);
    String feature = board.row(featureId).map(r -> r.task()).orElse(featureId);
    String failure =
        failureTail == null ? "" : failureTail.strip().replaceAll("\\s*\\R\\s*", " ⏎ ");
    try {
      prompter.send(
          runId,
          testId,
          "",
          agent,
          PromptKind.FIX,
          Map.of("feature", feature, "failure", failure),
          job.getKey());
    } catch (AgentUnreachableException e) {
      throw UnreachableAgent.error(events, runId, testId, agent, e, Map.of("agent", agent));
    }
  }
}
