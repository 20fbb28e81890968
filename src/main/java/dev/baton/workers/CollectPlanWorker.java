package dev.baton.workers;

import dev.baton.agents.AgentPool;
import dev.baton.board.Board;
import dev.baton.board.TaskBoard;
import dev.baton.board.TaskRow;
import dev.baton.board.TaskStatus;
import dev.baton.process.JobTypes;
import dev.baton.run.Happened;
import dev.baton.run.RunEvents;
import dev.baton.run.RunJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Reads what the lead agent planned: the PENDING rows it added after its planning row. The plan is
 * ready when the planning row is final (the lead said it is done); rows with problems are reported,
 * never silently dropped. A row belongs to one run only: rows another run's journal lists, or whose
 * Created cell names another run (Baton wrote it for that run), are never taken, whatever their
 * number.
 */
@Component
public class CollectPlanWorker {
  private final TaskBoard board;
  private final RunJournal journal;
  private final AgentPool pool;
  private final RunEvents events;

  public CollectPlanWorker(TaskBoard board, RunJournal journal, AgentPool pool, RunEvents events) {
    this.board = board;
    this.journal = journal;
    this.pool = pool;
    this.events = events;
  }

  @JobWorker(type = JobTypes.COLLECT_PLAN)
  public Map<String, Object> collect(@Variable String runId) {
    var entry = journal.get(runId).orElseThrow();
    String planId = entry.planTaskId();
    Board now = board.read();
    TaskStatus planStatus =
        now.task(TaskBoard.id(planId)).map(TaskRow::status).orElse(TaskStatus.PENDING);
    if (!planStatus.isFinal()) {
      return Map.of("taskIds", List.of(), "planReady", false);
    }
    long planNumber = TaskBoard.id(planId).number();
    Map<String, String> owners = journal.owners();
    List<String> ids =
        now.tasks().stream()
            .filter(r -> r.id().number() > planNumber)
            .filter(r -> r.status() == TaskStatus.PENDING)
            .filter(r -> runId.equals(owners.getOrDefault(r.id().value(), runId)))
            .filter(r -> TaskBoard.runOf(r).map(runId::equals).orElse(true))
            .sorted(TaskBoard.PRIORITY_THEN_AGE)
            .map(r -> r.id().value())
            .toList();
    now.problems().forEach(p -> events.emit(runId, new Happened.PlanRowIgnored(String.valueOf(p))));
    pool.agentOf(planId).ifPresent(agent -> pool.release(planId, agent));
    journal.tasks(runId, ids, true, entry.planBase());
    if (!ids.isEmpty()) {
      // The lead's rows carry no run marker; the completion log says, on the board, which run took
      // them.
      board
          .store()
          .appendLog(
              "Baton", TaskBoard.id(planId), planStatus, runId + " owns " + String.join(", ", ids));
    }
    events.emit(runId, new Happened.Decomposed(planId, Happened.TaskSource.PLANNED, ids));
    return Map.of("taskIds", ids, "planReady", true);
  }
}
