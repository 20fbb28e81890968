package dev.baton.workers;

import dev.baton.agents.AgentPool;
import dev.baton.agents.AgentRoster;
import dev.baton.agents.PromptKind;
import dev.baton.board.TaskBoard;
import dev.baton.board.TaskStatus;
import dev.baton.process.JobTypes;
import dev.baton.run.Prompter;
import dev.baton.run.RunJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A free-text request becomes a planning task of its own, given to the lead agent (the method's
 * orchestrator works too): the lead adds PENDING rows and flips its planning row to COMPLETED.
 */
@Component
public class PlanWorker {
  static final String PLAN_PREFIX = "Planifier / plan: ";

  private final AgentRoster roster;
  private final AgentPool pool;
  private final TaskBoard board;
  private final Prompter prompter;
  private final RunJournal journal;

  public PlanWorker(
      AgentRoster roster, AgentPool pool, TaskBoard board, Prompter prompter, RunJournal journal) {
    this.roster = roster;
    this.pool = pool;
    this.board = board;
    this.prompter = prompter;
    this.journal = journal;
  }

  /**
   * @return {@code leadFree} false when no agent can take the planning prompt yet (the model waits
   *     for one, visibly and with its own limit), and {@code planTaskId}, the key its "agent became
   *     free" message is matched on
   */
  @JobWorker(type = JobTypes.PLAN)
  public Map<String, Object> plan(
      ActivatedJob job, @Variable String runId, @Variable String request) {
    String lead = roster.lead().or(() -> roster.all().stream().findFirst()).orElseThrow().name();
    var entry = journal.get(runId).orElseThrow();
    String planId = entry.planTaskId();
    if (planId == null) {
      // A planning row this run wrote before a restart, not yet journaled, is taken back rather
      // than added again.
      planId =
          TaskBoard.markedFor(board.read(), runId).stream()
              .filter(r -> r.task().startsWith(PLAN_PREFIX))
              .map(r -> r.id().value())
              .findFirst()
              .orElse(null);
    }
    if (planId == null) {
      String summary = request.strip().replaceAll("\\s+", " ");
      planId =
          board.addAssigned(
              PLAN_PREFIX + (summary.length() > 120 ? summary.substring(0, 117) + "…" : summary),
              roster.require(lead).assignedTo(),
              TaskStatus.IN_PROGRESS,
              runId);
    }
    if (entry.planTaskId() == null) {
      journal.planTask(runId, planId);
    }
    var agent =
        pool.reserve(AgentPool.Waiting.preferring(planId, 0, TaskBoard.id(planId).number(), lead));
    if (agent.isEmpty()) {
      return Map.of("leadFree", false, "planTaskId", planId);
    }
    String id = planId;
    if (entry.prompts().stream().anyMatch(p -> p.taskId().equals(id))) {
      return Map.of("leadFree", true, "planTaskId", planId);
    }
    String firstId = TaskBoard.id(planId).next().value();
    prompter.send(
        runId,
        planId,
        request,
        agent.get(),
        PromptKind.PLAN,
        Map.of("firstId", firstId),
        job.getKey());
    return Map.of("leadFree", true, "planTaskId", planId);
  }
}
