package dev.baton.board;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One reading of CLAUDE.md: the text exactly as read, what could be understood of it, and the
 * problems found. Immutable; the store hands out a new one after every read.
 */
public final class Board {

  private final Path file;
  private final String text;
  private final TextLines lines;
  private final List<TaskRow> tasks;
  private final Map<TaskId, TaskRow> byId;
  private final List<LogEntry> log;
  private final List<Problem> problems;
  private final TableLayout queue;
  private final TableLayout logTable;
  private final int queueHeading;
  private final int logHeading;
  private final Map<TaskId, Cells> queueCells;
  private final Map<TaskId, List<Cells>> duplicateCells;
  private final int queueRows;
  private final List<Cells> logCells;
  private final int progress;
  private final int progressStart;
  private final int progressEnd;
  private final long highestId;

  Board(
      Path file,
      String text,
      TextLines lines,
      List<TaskRow> tasks,
      Map<TaskId, TaskRow> byId,
      List<LogEntry> log,
      List<Problem> problems,
      int queueHeading,
      TableLayout queue,
      int logHeading,
      TableLayout logTable,
      Map<TaskId, Cells> queueCells,
      Map<TaskId, List<Cells>> duplicateCells,
      int queueRows,
      List<Cells> logCells,
      int progress,
      int progressStart,
      int progressEnd,
      long highestId) {
    this.file = file;
    this.text = text;
    this.lines = lines;
    this.tasks = Collections.unmodifiableList(tasks);
    this.byId = Collections.unmodifiableMap(byId);
    this.log = Collections.unmodifiableList(log);
    this.problems = List.copyOf(problems);
    this.queueHeading = queueHeading;
    this.queue = queue;
    this.logHeading = logHeading;
    this.logTable = logTable;
    this.queueCells = Collections.unmodifiableMap(queueCells);
    this.duplicateCells = Collections.unmodifiableMap(duplicateCells);
    this.queueRows = queueRows;
    this.logCells = Collections.unmodifiableList(logCells);
    this.progress = progress;
    this.progressStart = progressStart;
    this.progressEnd = progressEnd;
    this.highestId = highestId;
  }

  public Path file() {
    return file;
  }

  /** The text exactly as read. */
  public String text() {
    return text;
  }

  /** Queue rows that were understood, in file order. */
  public List<TaskRow> tasks() {
    return tasks;
  }

  public Optional<TaskRow> task(TaskId id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Status from the queue row only: the log repeats ids and must not be mistaken for it. */
  public Optional<TaskStatus> status(TaskId id) {
    return task(id).map(TaskRow::status);
  }

  public List<LogEntry> log() {
    return log;
  }

  public List<Problem> problems() {
    return problems;
  }

  /** The {@code Progress: NN %} line's value, if the board has one. */
  public OptionalInt progress() {
    return progress < 0 ? OptionalInt.empty() : OptionalInt.of(progress);
  }

  /** 1-based line of a task's queue row (0 if it has none). */
  public int lineOf(TaskId id) {
    Cells c = queueCells.get(id);
    return c == null ? 0 : c.line() + 1;
  }

  /** Highest id number in the queue (rows with problems included) and the log; 0 when none. */
  public long highestIdNumber() {
    return highestId;
  }

  /** Ids continue after the highest ever written, so a removed task's id is never reused. */
  public TaskId nextId() {
    return TaskId.of(Math.toIntExact(highestId + 1));
  }

  public boolean hasQueueSection() {
    return queueHeading >= 0;
  }

  public boolean hasLogSection() {
    return logHeading >= 0;
  }

  /**
   * Rows of both tables that have an id, readable or not: a sudden drop means a half-written file.
   */
  int rowCount() {
    return queueRows + log.size();
  }

  /**
   * The file ends in the middle of a row: an agent's write read halfway. Baton does not write over
   * it.
   */
  public boolean truncated() {
    return problems.stream().anyMatch(p -> p.kind() == Problem.Kind.TRUNCATED);
  }

  Board withProblem(Problem p) {
    List<Problem> all = new java.util.ArrayList<>(problems);
    all.add(0, p);
    return new Board(
        file,
        text,
        lines,
        new java.util.ArrayList<>(tasks),
        new java.util.HashMap<>(byId),
        new java.util.ArrayList<>(log),
        all,
        queueHeading,
        queue,
        logHeading,
        logTable,
        new java.util.HashMap<>(queueCells),
        new java.util.HashMap<>(duplicateCells),
        queueRows,
        new java.util.ArrayList<>(logCells),
        progress,
        progressStart,
        progressEnd,
        highestId);
  }

  /**
   * The text with the rows of both tables taken out (headings, headers, separators, the Progress
   * line and all prose kept): what a deleted board is rebuilt on.
   */
  String withoutRows() {
    List<int[]> cuts = new java.util.ArrayList<>();
    for (TableLayout t : new TableLayout[] {queue, logTable}) {
      if (t != null && t.lastLine() > t.separatorLine()) {
        cuts.add(new int[] {lines.end(t.separatorLine()), lines.end(t.lastLine())});
      }
    }
    cuts.sort(java.util.Comparator.comparingInt(c -> c[0]));
    StringBuilder out = new StringBuilder(text.length());
    int pos = 0;
    for (int[] c : cuts) {
      out.append(text, pos, c[0]);
      pos = c[1];
    }
    return out.append(text, pos, text.length()).toString();
  }

  TextLines lines() {
    return lines;
  }

  TableLayout queueLayout() {
    return queue;
  }

  TableLayout logLayout() {
    return logTable;
  }

  int queueHeadingLine() {
    return queueHeading;
  }

  int logHeadingLine() {
    return logHeading;
  }

  /**
   * Cells of a task's row, including rows whose status could not be read (so Baton can fix them).
   */
  Cells queueCells(TaskId id) {
    return queueCells.get(id);
  }

  /** Every task id the queue has a row for, read or not. */
  java.util.Set<TaskId> queueIds() {
    return queueCells.keySet();
  }

  /** The other rows of a task whose id appears more than once (not the row that is read). */
  List<Cells> duplicateCells(TaskId id) {
    return duplicateCells.getOrDefault(id, List.of());
  }

  List<Cells> logCells() {
    return logCells;
  }

  int progressStart() {
    return progressStart;
  }

  int progressEnd() {
    return progressEnd;
  }
}
