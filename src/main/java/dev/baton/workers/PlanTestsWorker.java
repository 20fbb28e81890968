package dev.baton.workers;

import dev.baton.board.TaskRow;
import dev.baton.board.TaskStatus;
import dev.baton.process.JobTypes;
import dev.baton.run.JournalEntry;
import dev.baton.run.Phase;
import dev.baton.run.RunEvents;
import dev.baton.run.RunJournal;
import dev.baton.run.RunProperties;
import dev.baton.run.RunRegistry;
import dev.baton.tasks.TaskBoard;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Phase 4 begins: one test task per COMPLETED feature ("Lancer les tests pour …" in the method's words), to be given
 * to the feature's author. Features that were given up get no test; the report lists them.
 */
@Component
public class PlanTestsWorker {
  private final TaskBoard board;
  private final RunJournal journal;
  private final RunRegistry runs;
  private final RunEvents events;
  private final RunProperties props;

  public PlanTestsWorker(
      TaskBoard board, RunJournal journal, RunRegistry runs, RunEvents events, RunProperties props) {
    this.board = board;
    this.journal = journal;
    this.runs = runs;
    this.events = events;
    this.props = props;
  }

  @JobWorker(type = JobTypes.PLAN_TESTS)
  public Map<String, Object> planTests(@Variable String runId) {
    runs.phase(runId, Phase.TEST);
    JournalEntry entry = journal.get(runId).orElseThrow();
    List<JournalEntry.TestTask> tests = new ArrayList<>(entry.testTasks());
    if (tests.isEmpty()) {
      for (String featureId : entry.taskIds()) {
        TaskRow feature = board.row(featureId).orElse(null);
        if (feature == null || feature.status() != TaskStatus.COMPLETED) {
          continue;
        }
        String author = authorName(feature.assignedTo());
        String description =
            ("fr".equals(props.language()) ? "Lancer les tests pour " : "Run the tests for ")
                + featureId
                + " : "
                + feature.task();
        String testId = board.addAssigned(description, "", TaskStatus.PENDING);
        tests.add(new JournalEntry.TestTask(testId, featureId, author));
      }
      journal.testTasks(runId, tests);
      events.emit(runId, null, null, "tests-planned", tests.size() + " test tasks created");
    }
    List<Map<String, Object>> open =
        tests.stream()
            .filter(t -> !decided(entry, t.featureId()))
            .map(
                t ->
                    Map.<String, Object>of(
                        "testId", t.testId(),
                        "featureId", t.featureId(),
                        "author", t.author() == null ? "" : t.author()))
            .toList();
    return Map.of("testTasks", open);
  }

  private static boolean decided(JournalEntry entry, String featureId) {
    return entry.tests().stream()
        .anyMatch(
            t -> t.featureId().equals(featureId)
                && ("passed".equals(t.verdict()) || "escalated".equals(t.verdict())));
  }

  /** "AMP (w4)" → "AMP". */
  static String authorName(String assignedTo) {
    if (assignedTo == null) {
      return null;
    }
    int paren = assignedTo.indexOf(" (");
    String name = (paren > 0 ? assignedTo.substring(0, paren) : assignedTo).strip();
    return name.isEmpty() ? null : name;
  }
}
