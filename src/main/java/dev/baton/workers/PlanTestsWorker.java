package dev.baton.workers;

import dev.baton.board.Assignee;
import dev.baton.board.Board;
import dev.baton.board.NewTask;
import dev.baton.board.Priority;
import dev.baton.board.TaskBoard;
import dev.baton.board.TaskRow;
import dev.baton.board.TaskStatus;
import dev.baton.process.JobTypes;
import dev.baton.run.Happened;
import dev.baton.run.JournalEntry;
import dev.baton.run.RunEvents;
import dev.baton.run.RunJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Phase 4 begins: one test task per COMPLETED feature ("Lancer les tests pour …" in the method's
 * words), to be given to the feature's author. Features that were given up get no test; the report
 * lists them.
 */
@Component
public class PlanTestsWorker {
  private final TaskBoard board;
  private final RunJournal journal;
  private final RunEvents events;

  public PlanTestsWorker(TaskBoard board, RunJournal journal, RunEvents events) {
    this.board = board;
    this.journal = journal;
    this.events = events;
  }

  @JobWorker(type = JobTypes.PLAN_TESTS)
  public Map<String, Object> planTests(@Variable String runId) {
    JournalEntry entry = journal.get(runId).orElseThrow();
    List<JournalEntry.TestTask> tests = new ArrayList<>(entry.testTasks());
    if (tests.isEmpty()) {
      Board now = board.read();
      Map<String, TaskRow> written = writtenBefore(now, runId);
      List<String> features = new ArrayList<>();
      List<NewTask> rows = new ArrayList<>();
      for (String featureId : entry.taskIds()) {
        TaskRow feature = now.task(TaskBoard.id(featureId)).orElse(null);
        if (feature == null || feature.status() != TaskStatus.COMPLETED) {
          continue;
        }
        String author = authorName(feature.assignedTo());
        TaskRow found = written.get(featureId);
        if (found != null) {
          tests.add(new JournalEntry.TestTask(found.id().value(), featureId, author));
          continue;
        }
        features.add(featureId);
        rows.add(
            new NewTask(
                prefix() + featureId + " : " + feature.task(),
                Priority.MED,
                "",
                TaskStatus.PENDING));
      }
      // One write for every test row: a Baton stopped in between leaves all of them or none on the
      // board.
      List<String> ids = rows.isEmpty() ? List.of() : board.addAll(rows, runId);
      for (int i = 0; i < ids.size(); i++) {
        String featureId = features.get(i);
        String author =
            now.task(TaskBoard.id(featureId)).map(r -> authorName(r.assignedTo())).orElse(null);
        tests.add(new JournalEntry.TestTask(ids.get(i), featureId, author));
      }
      tests.sort(java.util.Comparator.comparing(t -> TaskBoard.id(t.testId())));
      journal.testTasks(runId, tests);
      events.emit(runId, new Happened.TestsPlanned(tests.size()));
    }
    List<Map<String, Object>> open =
        tests.stream()
            .filter(t -> !decided(entry, t.featureId()))
            .map(
                t ->
                    Map.<String, Object>of(
                        "testId", t.testId(),
                        "featureId", t.featureId(),
                        "author", t.author() == null ? "" : t.author(),
                        "ralphCycle", nextCycle(entry, t.featureId())))
            .toList();
    return Map.of("testTasks", open);
  }

  private String prefix() {
    return "fr".equals(board.language()) ? "Lancer les tests pour " : "Run the tests for ";
  }

  /** Test rows this run wrote before a restart and did not journal, by the feature they test. */
  private Map<String, TaskRow> writtenBefore(Board now, String runId) {
    Map<String, TaskRow> found = new java.util.HashMap<>();
    for (TaskRow r : TaskBoard.markedFor(now, runId)) {
      String text = r.task();
      for (String p : List.of("Lancer les tests pour ", "Run the tests for ")) {
        if (text.startsWith(p)) {
          String featureId = text.substring(p.length()).split(" ", 2)[0];
          found.putIfAbsent(featureId, r);
        }
      }
    }
    return found;
  }

  /**
   * The Ralph cycle a resumed feature goes on with: one past the failures already journaled, so the
   * history reads "1: failed, 2: passed" and the cycle limit counts the cycles before the restart.
   */
  static int nextCycle(JournalEntry entry, String featureId) {
    return 1
        + (int)
            entry.tests().stream()
                .filter(t -> t.featureId().equals(featureId) && "failed".equals(t.verdict()))
                .count();
  }

  private static boolean decided(JournalEntry entry, String featureId) {
    return entry.tests().stream()
        .anyMatch(
            t ->
                t.featureId().equals(featureId)
                    && ("passed".equals(t.verdict()) || "escalated".equals(t.verdict())));
  }

  /** "AMP (w4)" → "AMP"; null when the cell names nobody. */
  static String authorName(String assignedTo) {
    return Assignee.parse(assignedTo).map(Assignee::name).orElse(null);
  }
}
