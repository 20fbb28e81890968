package dev.baton.board;

import dev.baton.request.PlannedTask;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The board operations the workers need, in the method's words. Every write goes through the
 * store's compare-and-swap, so an agent's edit that lands meanwhile is kept.
 */
public final class TaskBoard {
  private final BoardStore store;
  private final String language;
  private final BiConsumer<String, List<TaskRow>> added;

  public TaskBoard(BoardStore store, String language) {
    this(store, language, (runId, rows) -> {});
  }

  /**
   * @param added told of the rows added for a run once they are on the board, as written (the run's
   *     journal keeps them, so that a restarted Baton can put back a row an agent's stale write
   *     erased while it was down)
   */
  public TaskBoard(BoardStore store, String language, BiConsumer<String, List<TaskRow>> added) {
    this.store = store;
    this.language = language;
    this.added = added;
  }

  /** The language rows are written in ({@code baton.language}): fr or en. */
  public String language() {
    return language;
  }

  public BoardStore store() {
    return store;
  }

  public Board read() {
    return store.read();
  }

  /**
   * Writes planned tasks as PENDING rows, ids continuing from the board's highest. References to
   * items of the same request ({@code #2}) become the ids just given out.
   */
  public List<String> add(List<PlannedTask> planned) {
    return add(planned, null);
  }

  /** The same, each row's Created cell naming the run that owns it (see {@link #runOf}). */
  public List<String> add(List<PlannedTask> planned, String runId) {
    List<TaskRow> written = new ArrayList<>();
    List<String> result =
        store.update(
            editor -> {
              written.clear();
              long next = editor.board().highestIdNumber() + 1;
              List<String> ids = new ArrayList<>();
              for (int i = 0; i < planned.size(); i++) {
                ids.add(TaskId.of((int) (next + i)).value());
              }
              List<String> given = new ArrayList<>();
              for (PlannedTask task : planned) {
                List<String> after =
                    task.after().stream()
                        .map(ref -> ref.startsWith("#") ? resolve(ref, ids, task) : ref)
                        .toList();
                String description = Dependencies.describe(task.description(), after, language);
                Priority priority = Priority.parse(task.priority()).orElse(Priority.MED);
                given.add(
                    insert(editor, NewTask.pending(description, priority), runId, written).value());
              }
              if (!given.equals(ids)) {
                throw new IllegalStateException(
                    "board gave ids " + given + " where " + ids + " were expected");
              }
              return given;
            });
    tell(runId, written);
    return result;
  }

  private void tell(String runId, List<TaskRow> written) {
    if (runId != null && !written.isEmpty()) {
      added.accept(runId, List.copyOf(written));
    }
  }

  /** Adds one row assigned to an agent already (the lead's planning task, a test task). */
  public String addAssigned(String description, String assignedTo, TaskStatus status) {
    return addAssigned(description, assignedTo, status, null);
  }

  /** The same, owned by a run. */
  public String addAssigned(
      String description, String assignedTo, TaskStatus status, String runId) {
    return addAll(List.of(new NewTask(description, Priority.MED, assignedTo, status)), runId)
        .getFirst();
  }

  /** Adds rows in one write: either all of them are on the board, or none. */
  public List<String> addAll(List<NewTask> tasks, String runId) {
    List<TaskRow> written = new ArrayList<>();
    List<String> result =
        store.update(
            editor -> {
              written.clear();
              List<String> ids = new ArrayList<>();
              for (NewTask task : tasks) {
                ids.add(insert(editor, task, runId, written).value());
              }
              return ids;
            });
    tell(runId, written);
    return result;
  }

  /**
   * A new row with the next id. Its Created cell says which run owns it ({@code 2026-01-27 run-…}):
   * the seed's columns stay as they are, and a person (or a restarted Baton) can tell the runs'
   * rows apart.
   */
  private TaskId insert(BoardEditor editor, NewTask task, String runId, List<TaskRow> written) {
    if (runId == null) {
      return editor.addTask(task);
    }
    long highest = editor.board().highestIdNumber();
    TaskId id = TaskId.of(Math.toIntExact(Math.max(highest, lastAdded(editor)) + 1));
    String created = LocalDate.now(store.clock()) + " " + runId;
    TaskRow row =
        TaskRow.of(
            id, task.description(), task.assignedTo(), task.priority(), task.status(), created);
    editor.insertTask(row);
    written.add(row);
    return id;
  }

  /** The highest id this editor has added so far (rows are added one after the other). */
  private static long lastAdded(BoardEditor editor) {
    long last = 0;
    for (long n = editor.board().highestIdNumber() + 1; ; n++) {
      TaskId id = TaskId.of(Math.toIntExact(n));
      if (editor.current(id).isEmpty()) {
        return last;
      }
      last = n;
    }
  }

  private static final Pattern RUN_MARKER = Pattern.compile("\\b(run-[A-Za-z0-9][A-Za-z0-9-]*)");

  /** The run named in a row's Created cell, when Baton added the row for a run. */
  public static Optional<String> runOf(TaskRow row) {
    Matcher m = RUN_MARKER.matcher(row.created());
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** Rows whose Created cell names this run, in id order. */
  public static List<TaskRow> markedFor(Board board, String runId) {
    return board.tasks().stream()
        .filter(r -> runOf(r).map(runId::equals).orElse(false))
        .sorted(Comparator.comparing(TaskRow::id))
        .toList();
  }

  public Optional<TaskRow> row(String taskId) {
    return store.read().task(id(taskId));
  }

  /**
   * The seed's rule: the queue is updated before the prompt is sent. A row an agent already marked
   * COMPLETED is never taken back (a resumed run may find work finished while Baton was down).
   */
  public void start(String taskId, String assignedTo) {
    store.update(
        editor -> {
          TaskId id = id(taskId);
          boolean done =
              editor.current(id).map(r -> r.status() == TaskStatus.COMPLETED).orElse(false);
          if (!done) {
            editor.setStatus(id, TaskStatus.IN_PROGRESS);
            editor.setAssignedTo(id, assignedTo);
          }
          return null;
        });
  }

  /** Back to the queue for another agent. */
  public void putBack(String taskId) {
    store.assign(id(taskId), "", TaskStatus.PENDING);
  }

  /** Baton itself blocks a task (a guard hit, no agent left) and says why in the log. */
  public void block(String taskId, String note) {
    store.update(
        editor -> {
          editor.setStatus(id(taskId), TaskStatus.BLOCKED);
          editor.appendLog(
              LogEntry.of(
                  store.clock().instant().toString().substring(0, 10),
                  "Baton",
                  id(taskId),
                  TaskStatus.BLOCKED,
                  note));
          return null;
        });
  }

  /**
   * The newest completion-log note for a task, where agents explain a BLOCKED or report
   * PASSED/FAILED.
   */
  public Optional<String> lastNote(String taskId) {
    return lastNote(store.read(), taskId);
  }

  /** The same, from a board already read (a poll reads the file once). */
  public static Optional<String> lastNote(Board board, String taskId) {
    TaskId id = id(taskId);
    List<LogEntry> log = board.log();
    for (int i = log.size() - 1; i >= 0; i--) {
      if (id.equals(log.get(i).taskId())) {
        return Optional.ofNullable(log.get(i).note());
      }
    }
    return Optional.empty();
  }

  /** Text that changes whenever anyone touches the task: its row and its log lines. */
  public String fingerprint(Board board, String taskId) {
    TaskId id = id(taskId);
    StringBuilder print = new StringBuilder();
    board.task(id).ifPresent(r -> print.append(r));
    board.log().stream()
        .filter(e -> id.equals(e.taskId()))
        .forEach(e -> print.append('\n').append(e));
    return print.toString();
  }

  public void progress(int percent) {
    store.setProgress(percent);
  }

  /** Rank for the pool: HIGH first. */
  public static int rank(Priority priority) {
    return switch (priority == null ? Priority.MED : priority) {
      case HIGH -> 0;
      case MED -> 1;
      case LOW -> 2;
    };
  }

  public static TaskId id(String taskId) {
    return TaskId.parse(taskId)
        .orElseThrow(() -> new IllegalArgumentException("not a task id: '" + taskId + "'"));
  }

  /** Tasks sorted the way the pool serves them. */
  public static final Comparator<TaskRow> PRIORITY_THEN_AGE =
      Comparator.comparingInt((TaskRow r) -> rank(r.priority())).thenComparing(TaskRow::id);

  private static String resolve(String ref, List<String> ids, PlannedTask task) {
    int n = Integer.parseInt(ref.substring(1));
    if (n < 1 || n > ids.size()) {
      throw new IllegalArgumentException(
          "request line "
              + task.line()
              + ": '"
              + ref
              + "' names no item of this request (1.."
              + ids.size()
              + ")");
    }
    return ids.get(n - 1);
  }
}
