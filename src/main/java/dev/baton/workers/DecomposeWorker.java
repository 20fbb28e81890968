package dev.baton.workers;

import dev.baton.board.TaskBoard;
import dev.baton.process.JobTypes;
import dev.baton.request.PlannedTask;
import dev.baton.request.RequestParser;
import dev.baton.run.Happened;
import dev.baton.run.RunEvents;
import dev.baton.run.RunJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.exception.CamundaError;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Phase 1: an explicit list becomes PENDING rows; free text is left for the lead agent to plan. */
@Component
public class DecomposeWorker {
  private final RequestParser parser;
  private final TaskBoard board;
  private final RunJournal journal;
  private final RunEvents events;

  public DecomposeWorker(
      RequestParser parser, TaskBoard board, RunJournal journal, RunEvents events) {
    this.parser = parser;
    this.board = board;
    this.journal = journal;
    this.events = events;
  }

  @JobWorker(type = JobTypes.DECOMPOSE)
  public Map<String, Object> decompose(@Variable String runId, @Variable String request) {
    var known = journal.get(runId).filter(e -> !e.taskIds().isEmpty() || e.needsPlan());
    if (known.isPresent()) {
      return Map.of("taskIds", known.get().taskIds(), "needsPlan", known.get().needsPlan());
    }
    List<PlannedTask> planned;
    try {
      planned = parser.parse(request);
    } catch (IllegalArgumentException e) {
      throw CamundaError.jobError("the request cannot be read: " + e.getMessage(), Map.of(), 0);
    }
    var now = board.read();
    long base = now.highestIdNumber();
    List<String> written =
        TaskBoard.markedFor(now, runId).stream().map(r -> r.id().value()).toList();
    if (!planned.isEmpty() && written.size() == planned.size()) {
      // Baton stopped after writing the rows and before journaling them: they are this run's, not
      // to be added twice.
      journal.tasks(
          runId,
          written,
          false,
          written.isEmpty() ? base : TaskBoard.id(written.getFirst()).number() - 1);
      events.emit(
          runId, new Happened.Decomposed(null, Happened.TaskSource.FOUND_ON_BOARD, written));
      return Map.of("taskIds", written, "needsPlan", false);
    }
    if (planned.isEmpty()) {
      journal.tasks(runId, List.of(), true, base);
      events.emit(runId, new Happened.Decomposed(null, Happened.TaskSource.TO_PLAN, List.of()));
      return Map.of("taskIds", List.of(), "needsPlan", true);
    }
    List<String> ids = board.add(planned, runId);
    journal.tasks(runId, ids, false, base);
    events.emit(runId, new Happened.Decomposed(null, Happened.TaskSource.WRITTEN, ids));
    return Map.of("taskIds", ids, "needsPlan", false);
  }
}
