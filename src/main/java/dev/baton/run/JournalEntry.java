package dev.baton.run;

import dev.baton.board.Priority;
import dev.baton.board.TaskId;
import dev.baton.board.TaskRow;
import dev.baton.board.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the board alone cannot say about a run: its request and parameters, which task ids are its
 * own, which prompts went to whom, the test tasks it created and the Ralph history. Enough to
 * resume after a crash without prompting anyone twice.
 *
 * @param fingerprint the normalised request's hash: the same request on the same workdir is the
 *     same run
 * @param processInstanceKey the instance last started for this run (an external engine may still
 *     run it)
 */
public record JournalEntry(
    String runId,
    String request,
    Instant startedAt,
    Map<String, Object> parameters,
    Phase phase,
    boolean needsPlan,
    long planBase,
    List<String> taskIds,
    List<TestTask> testTasks,
    List<Prompt> prompts,
    List<TestOutcome> tests,
    Instant finishedAt,
    String planTaskId,
    String fingerprint,
    Long processInstanceKey,
    List<AddedRow> rows) {

  public JournalEntry {
    fingerprint = fingerprint == null && request != null ? RunFingerprint.of(request) : fingerprint;
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    taskIds = taskIds == null ? List.of() : List.copyOf(taskIds);
    testTasks = testTasks == null ? List.of() : List.copyOf(testTasks);
    prompts = prompts == null ? List.of() : List.copyOf(prompts);
    tests = tests == null ? List.of() : List.copyOf(tests);
    rows = rows == null ? List.of() : List.copyOf(rows);
  }

  /**
   * A row Baton added to the board for this run, as written. An agent's stale whole-file write can
   * erase it while Baton is down; the restarted Baton puts it back from here when it acts on the
   * task.
   */
  public record AddedRow(
      String taskId,
      String task,
      String assignedTo,
      String priority,
      String status,
      String created) {
    /** A row as the journal keeps it. */
    public static AddedRow of(TaskRow row) {
      return new AddedRow(
          row.id().value(),
          row.task(),
          row.assignedTo(),
          row.priority() == null ? "" : row.priority().name(),
          row.status().name(),
          row.created());
    }

    /** This row as the board writes it; empty when its id is not a task id. */
    public Optional<TaskRow> toRow() {
      return TaskId.parse(taskId)
          .map(
              id ->
                  TaskRow.of(
                      id,
                      task,
                      assignedTo,
                      Priority.parse(priority).orElse(null),
                      TaskStatus.parse(status).orElse(TaskStatus.PENDING),
                      created));
    }
  }

  /** One prompt typed into an agent's pane. {@code jobKey} makes a redelivered job recognisable. */
  public record Prompt(
      Instant at, String taskId, String agent, String kind, long jobKey, int attempts) {}

  /** A test task created for a feature. */
  public record TestTask(String testId, String featureId, String author) {}

  /** One Ralph cycle's verdict for a feature. */
  public record TestOutcome(
      Instant at, String featureId, String testId, int cycle, String verdict, String detail) {}

  static JournalEntry start(String runId, String request, Instant at, Map<String, Object> params) {
    return new JournalEntry(
        runId,
        request,
        at,
        params,
        Phase.DECOMPOSE,
        false,
        -1,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        null,
        null,
        RunFingerprint.of(request),
        null,
        List.of());
  }

  JournalEntry withPhase(Phase p, Instant at) {
    return new JournalEntry(
        runId,
        request,
        startedAt,
        parameters,
        p,
        needsPlan,
        planBase,
        taskIds,
        testTasks,
        prompts,
        tests,
        p.finished() ? at : finishedAt,
        planTaskId,
        fingerprint,
        processInstanceKey,
        rows);
  }

  JournalEntry withTasks(List<String> ids, boolean plan, long base) {
    return new JournalEntry(
        runId,
        request,
        startedAt,
        parameters,
        phase,
        plan,
        base,
        ids,
        testTasks,
        prompts,
        tests,
        finishedAt,
        planTaskId,
        fingerprint,
        processInstanceKey,
        rows);
  }

  JournalEntry withPlanTask(String id) {
    return new JournalEntry(
        runId,
        request,
        startedAt,
        parameters,
        phase,
        needsPlan,
        planBase,
        taskIds,
        testTasks,
        prompts,
        tests,
        finishedAt,
        id,
        fingerprint,
        processInstanceKey,
        rows);
  }

  JournalEntry withTestTasks(List<TestTask> list) {
    return new JournalEntry(
        runId,
        request,
        startedAt,
        parameters,
        phase,
        needsPlan,
        planBase,
        taskIds,
        list,
        prompts,
        tests,
        finishedAt,
        planTaskId,
        fingerprint,
        processInstanceKey,
        rows);
  }

  JournalEntry withInstance(long key) {
    return new JournalEntry(
        runId,
        request,
        startedAt,
        parameters,
        phase,
        needsPlan,
        planBase,
        taskIds,
        testTasks,
        prompts,
        tests,
        finishedAt,
        planTaskId,
        fingerprint,
        key,
        rows);
  }

  JournalEntry plusRows(List<AddedRow> added) {
    List<AddedRow> all = new ArrayList<>(rows);
    all.addAll(added);
    return new JournalEntry(
        runId,
        request,
        startedAt,
        parameters,
        phase,
        needsPlan,
        planBase,
        taskIds,
        testTasks,
        prompts,
        tests,
        finishedAt,
        planTaskId,
        fingerprint,
        processInstanceKey,
        all);
  }

  /** Every task id this run owns on the board: its tasks, its planning row and its test tasks. */
  public java.util.Set<String> ownedIds() {
    java.util.Set<String> ids = new java.util.LinkedHashSet<>(taskIds);
    if (planTaskId != null) {
      ids.add(planTaskId);
    }
    testTasks.forEach(t -> ids.add(t.testId()));
    return ids;
  }

  JournalEntry plusPrompt(Prompt p) {
    List<Prompt> all = new ArrayList<>(prompts);
    all.add(p);
    return withPrompts(all);
  }

  JournalEntry minusPrompt(Prompt p) {
    List<Prompt> all = new ArrayList<>(prompts);
    all.remove(p);
    return withPrompts(all);
  }

  private JournalEntry withPrompts(List<Prompt> list) {
    return new JournalEntry(
        runId,
        request,
        startedAt,
        parameters,
        phase,
        needsPlan,
        planBase,
        taskIds,
        testTasks,
        list,
        tests,
        finishedAt,
        planTaskId,
        fingerprint,
        processInstanceKey,
        rows);
  }

  JournalEntry plusTest(TestOutcome t) {
    List<TestOutcome> all = new ArrayList<>(tests);
    all.add(t);
    return new JournalEntry(
        runId,
        request,
        startedAt,
        parameters,
        phase,
        needsPlan,
        planBase,
        taskIds,
        testTasks,
        prompts,
        all,
        finishedAt,
        planTaskId,
        fingerprint,
        processInstanceKey,
        rows);
  }
}
