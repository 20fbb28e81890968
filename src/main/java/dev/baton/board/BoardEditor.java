package dev.baton.board;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Collects Baton's changes to one {@link Board} and turns them into the smallest text edits: a
 * changed cell is replaced in place, new rows are inserted after the table's last line, and nothing
 * else in the file is touched. Missing tables are created in the seed's format.
 */
public final class BoardEditor {

  private final Board base;
  private final Clock clock;
  private final Map<TaskId, TaskRow> added = new LinkedHashMap<>();
  private final Map<TaskId, EnumMap<Column, String>> cellEdits = new LinkedHashMap<>();
  private final Map<TaskId, TaskRow> edited = new LinkedHashMap<>();

  /** Rows cut short by an agent's write, written again whole. */
  private final Map<TaskId, TaskRow> replaced = new LinkedHashMap<>();

  private final List<LogEntry> appended = new ArrayList<>();
  private final List<Intent> intents = new ArrayList<>();
  private Map<TaskId, TaskRow> restorable = Map.of();
  private Integer progress;
  private boolean ensureSections;
  private long highestId;

  /**
   * @param clock gives the Created date of new tasks; may be null when none are added
   */
  public BoardEditor(Board base, Clock clock) {
    this.base = base;
    this.clock = clock;
    this.highestId = base.highestIdNumber();
  }

  /**
   * Rows Baton added earlier: if an agent's stale write erased one, a change to it re-creates the
   * row instead of failing.
   */
  void restorable(Map<TaskId, TaskRow> rows) {
    this.restorable = Map.copyOf(rows);
  }

  /** The board as read, before any change made through this editor. */
  public Board board() {
    return base;
  }

  /** A task as it will be once this editor's changes are written. */
  public Optional<TaskRow> current(TaskId id) {
    TaskRow a = added.get(id);
    if (a != null) {
      return Optional.of(a);
    }
    TaskRow e = edited.get(id);
    return e != null ? Optional.of(e) : base.task(id);
  }

  /** Adds a task with the next free id and today's date; returns that id. */
  public TaskId addTask(NewTask task) {
    TaskId id = TaskId.of(Math.toIntExact(highestId + 1));
    String created = clock == null ? "" : LocalDate.now(clock).toString();
    insertTask(
        TaskRow.of(
            id, task.description(), task.assignedTo(), task.priority(), task.status(), created));
    return id;
  }

  /** Adds a row exactly as given (re-creating a lost row keeps its id). */
  public void insertTask(TaskRow row) {
    if (added.containsKey(row.id()) || base.queueCells(row.id()) != null) {
      throw new BoardException("task " + row.id() + " is already in the queue");
    }
    TaskRow clean =
        new TaskRow(
            row.id(),
            clean(row.task()),
            clean(row.assignedTo()),
            row.priority(),
            row.status(),
            row.status().name(),
            clean(row.created()),
            Map.of());
    added.put(row.id(), clean);
    highestId = Math.max(highestId, row.id().number());
    intents.add(new Intent.TaskAdded(clean));
  }

  public void setStatus(TaskId id, TaskStatus status) {
    String before = current(id).map(r -> r.status().name()).orElse("");
    if (!before.equals(status.name()) || unreadable(id)) {
      change(id, Column.STATUS, status.name(), r -> r.withStatus(status));
      intents.add(new Intent.CellSet(id, Column.STATUS, before, status.name()));
    }
  }

  /**
   * Puts back a queue row that an agent's write cut short: an agent that read the board while
   * another was still writing it, and wrote it back whole, leaves a row that stops mid-cell in the
   * middle of the file. Only a row that cannot be read and whose text is the start of {@code whole}
   * (Baton's last complete read of it, whitespace aside) is replaced; the status is {@code status}.
   *
   * @return whether the row was such a cut and is replaced
   */
  public boolean restoreCutRow(TaskId id, TaskRow whole, TaskStatus status) {
    Cells cells = base.queueCells(id);
    if (!unreadable(id) || cells == null || !whole.id().equals(id)) {
      return false;
    }
    TextLines lines = base.lines();
    String damaged =
        squash(base.text().substring(lines.start(cells.line()), lines.contentEnd(cells.line())));
    TaskRow restored = whole.withStatus(status);
    String full = squash(queueRow(base.queueLayout(), restored));
    if (damaged.isEmpty() || damaged.length() >= full.length() || !full.startsWith(damaged)) {
      return false;
    }
    replaced.put(id, restored);
    edited.put(id, restored);
    intents.add(new Intent.CellSet(id, Column.STATUS, "", status.name()));
    return true;
  }

  private static String squash(String line) {
    return line.replaceAll("\\s+", "");
  }

  public void setAssignedTo(TaskId id, String who) {
    String value = clean(who);
    String before = current(id).map(TaskRow::assignedTo).orElse("");
    if (!before.equals(value)) {
      change(id, Column.ASSIGNED_TO, value, r -> r.withAssignedTo(value));
      intents.add(new Intent.CellSet(id, Column.ASSIGNED_TO, before, value));
    }
  }

  public void appendLog(LogEntry entry) {
    LogEntry clean =
        new LogEntry(
            clean(entry.date()),
            clean(entry.agent()),
            clean(entry.task()),
            entry.taskId(),
            entry.status(),
            clean(entry.statusText()),
            clean(entry.note()));
    appended.add(clean);
    if (clean.taskId() != null) {
      highestId = Math.max(highestId, clean.taskId().number());
    }
    intents.add(new Intent.LogAppended(clean));
  }

  public void setProgress(int percent) {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("progress must be 0..100, not " + percent);
    }
    int before = progress != null ? progress : base.progress().orElse(-1);
    if (before != percent) {
      progress = percent;
      intents.add(new Intent.ProgressSet(base.progress().orElse(-1), percent));
    }
  }

  /** Creates both sections even when nothing is written into them. */
  public void ensureSections() {
    ensureSections = true;
  }

  public boolean hasChanges() {
    return !result().equals(base.text());
  }

  int addedRowCount() {
    return added.size() + appended.size();
  }

  List<Intent> intents() {
    return List.copyOf(intents);
  }

  private boolean unreadable(TaskId id) {
    return !added.containsKey(id) && base.task(id).isEmpty() && base.queueCells(id) != null;
  }

  private void change(
      TaskId id, Column column, String value, java.util.function.UnaryOperator<TaskRow> apply) {
    if (!added.containsKey(id) && base.queueCells(id) == null && restorable.containsKey(id)) {
      insertTask(restorable.get(id));
    }
    if (added.containsKey(id)) {
      added.put(id, apply.apply(added.get(id)));
      return;
    }
    if (replaced.containsKey(id)) {
      replaced.put(id, apply.apply(replaced.get(id)));
      edited.put(id, replaced.get(id));
      return;
    }
    if (base.queueCells(id) == null) {
      throw new BoardException(
          "task "
              + id
              + " is not in the Task Assignment Queue of "
              + (base.file() == null ? "the board" : base.file()));
    }
    if (base.queueLayout().indexOf(column) < 0) {
      throw new BoardException(
          "the Task Assignment Queue of "
              + (base.file() == null ? "the board" : base.file())
              + " has no "
              + (column == Column.STATUS ? "Status" : "Assigned To")
              + " column");
    }
    cellEdits.computeIfAbsent(id, k -> new EnumMap<>(Column.class)).put(column, value);
    base.task(id)
        .or(() -> Optional.ofNullable(edited.get(id)))
        .ifPresent(r -> edited.put(id, apply.apply(edited.getOrDefault(id, r))));
  }

  /** The new text: the base text with every change spliced in. */
  public String result() {
    String text = base.text();
    TextLines lines = base.lines();
    List<Edit> edits = new ArrayList<>();
    String eol = lines.dominantEol();
    for (var r : replaced.entrySet()) {
      int line = base.queueCells(r.getKey()).line();
      edits.add(
          new Edit(
              lines.start(line),
              lines.contentEnd(line),
              queueRow(base.queueLayout(), r.getValue())));
    }
    for (var e : cellEdits.entrySet()) {
      cellEdit(text, lines, base.queueCells(e.getKey()), e.getValue(), edits);
      // every copy of a duplicated id says the same afterwards, so the change reads back whichever
      // wins
      for (Cells copy : base.duplicateCells(e.getKey())) {
        cellEdit(text, lines, copy, e.getValue(), edits);
      }
    }
    String progressLine = progress == null ? null : "Progress: " + progress + " %";
    if (progress != null && base.progressStart() >= 0) {
      edits.add(new Edit(base.progressStart(), base.progressEnd(), String.valueOf(progress)));
      progressLine = null;
    }
    StringBuilder tail = new StringBuilder();
    boolean needQueue = ensureSections || !added.isEmpty() || progressLine != null;
    if (needQueue) {
      List<String> rows =
          added.values().stream().map(r -> queueRow(base.queueLayout(), r)).toList();
      if (base.queueHeadingLine() < 0) {
        tail.append(
            section(
                BoardCodec.QUEUE_HEADING,
                progressLine,
                BoardCodec.QUEUE_HEADERS,
                BoardCodec.QUEUE_SEPARATOR,
                rows,
                eol));
      } else {
        underHeading(
            text,
            lines,
            base.queueHeadingLine(),
            base.queueLayout(),
            progressLine,
            BoardCodec.QUEUE_HEADERS,
            BoardCodec.QUEUE_SEPARATOR,
            rows,
            edits,
            "Task Assignment Queue");
      }
    }
    if (ensureSections || !appended.isEmpty()) {
      List<String> rows = appended.stream().map(r -> logRow(base.logLayout(), r)).toList();
      if (base.logHeadingLine() < 0) {
        if (!tail.isEmpty()) {
          tail.append(eol);
        }
        tail.append(
            section(
                BoardCodec.LOG_HEADING,
                null,
                BoardCodec.LOG_HEADERS,
                BoardCodec.LOG_SEPARATOR,
                rows,
                eol));
      } else {
        underHeading(
            text,
            lines,
            base.logHeadingLine(),
            base.logLayout(),
            null,
            BoardCodec.LOG_HEADERS,
            BoardCodec.LOG_SEPARATOR,
            rows,
            edits,
            "Task Completion Log");
      }
    }
    if (!tail.isEmpty()) {
      String prefix = "";
      if (!text.isEmpty()) {
        int last = lines.count() - 1;
        if (lines.eol(last).isEmpty()) {
          prefix = eol + eol;
        } else if (!lines.isBlank(last)) {
          prefix = eol;
        }
      }
      edits.add(new Edit(text.length(), text.length(), prefix + tail));
    }
    if (edits.isEmpty()) {
      return text;
    }
    edits.sort(Comparator.comparingInt(Edit::from));
    StringBuilder out = new StringBuilder(text.length() + 256);
    int pos = 0;
    for (Edit e : edits) {
      out.append(text, pos, e.from()).append(e.replacement());
      pos = e.to();
    }
    return out.append(text, pos, text.length()).toString();
  }

  private record Edit(int from, int to, String replacement) {}

  private void cellEdit(
      String text, TextLines lines, Cells cells, Map<Column, String> values, List<Edit> edits) {
    TableLayout layout = base.queueLayout();
    boolean fits = values.keySet().stream().allMatch(c -> layout.indexOf(c) < cells.count());
    if (!fits) {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < layout.columns().size(); i++) {
        String v = values.get(layout.columns().get(i));
        out.add(
            v != null
                ? escape(v)
                : i < cells.count()
                    ? text.substring(cells.contentStart(i), cells.contentEnd(i))
                    : "");
      }
      int line = cells.line();
      edits.add(
          new Edit(
              lines.start(line), lines.contentEnd(line), "| " + String.join(" | ", out) + " |"));
      return;
    }
    for (var v : values.entrySet()) {
      int i = layout.indexOf(v.getKey());
      if (cells.contentStart(i) == cells.contentEnd(i)) {
        edits.add(
            new Edit(cells.innerStart(i), cells.innerEnd(i), " " + escape(v.getValue()) + " "));
      } else {
        edits.add(new Edit(cells.contentStart(i), cells.contentEnd(i), escape(v.getValue())));
      }
    }
  }

  private void underHeading(
      String text,
      TextLines lines,
      int heading,
      TableLayout layout,
      String progressLine,
      List<String> headers,
      String separator,
      List<String> rows,
      List<Edit> edits,
      String name) {
    if (layout != null
        && layout.indexOf(layout.columns().contains(Column.ID) ? Column.ID : Column.TASK) < 0
        && !rows.isEmpty()) {
      throw new BoardException(
          "cannot add rows to the "
              + name
              + " table of "
              + base.file()
              + ": its header has no ID/Task column");
    }
    String headingEol = lines.eol(heading).isEmpty() ? lines.dominantEol() : lines.eol(heading);
    if (progressLine != null) {
      if (lines.eol(heading).isEmpty()) {
        edits.add(
            new Edit(
                lines.end(heading),
                lines.end(heading),
                headingEol + headingEol + progressLine + (layout == null ? headingEol : "")));
      } else if (heading + 1 < lines.count()
          && lines.isBlank(heading + 1)
          && !lines.eol(heading + 1).isEmpty()) {
        edits.add(
            new Edit(
                lines.end(heading + 1),
                lines.end(heading + 1),
                progressLine + headingEol + headingEol));
      } else {
        edits.add(
            new Edit(
                lines.end(heading), lines.end(heading), progressLine + headingEol + headingEol));
      }
    }
    if (layout == null) {
      int at = lines.end(heading);
      int nextLine = heading + 1;
      if (progressLine != null
          && nextLine < lines.count()
          && lines.isBlank(nextLine)
          && !lines.eol(heading).isEmpty()
          && !lines.eol(nextLine).isEmpty()) {
        at = lines.end(nextLine);
        nextLine++;
      }
      StringBuilder block = new StringBuilder();
      if (lines.eol(heading).isEmpty()) {
        block.append(headingEol);
      }
      block.append(table(headers, separator, rows, headingEol));
      if (nextLine < lines.count() && !lines.isBlank(nextLine)) {
        block.append(headingEol);
      }
      edits.add(new Edit(at, at, block.toString()));
      return;
    }
    if (rows.isEmpty()) {
      return;
    }
    int last = layout.lastLine();
    String rowEol = lines.eol(last).isEmpty() ? lines.dominantEol() : lines.eol(last);
    StringBuilder block = new StringBuilder();
    for (String r : rows) {
      if (lines.eol(last).isEmpty()) {
        block.append(rowEol).append(r);
      } else {
        block.append(r).append(rowEol);
      }
    }
    edits.add(new Edit(lines.end(last), lines.end(last), block.toString()));
  }

  private static String section(
      String heading,
      String progressLine,
      List<String> headers,
      String separator,
      List<String> rows,
      String eol) {
    StringBuilder b = new StringBuilder(heading).append(eol);
    if (progressLine != null) {
      b.append(progressLine).append(eol).append(eol);
    }
    return b.append(table(headers, separator, rows, eol)).toString();
  }

  private static String table(
      List<String> headers, String separator, List<String> rows, String eol) {
    StringBuilder b =
        new StringBuilder("| ").append(String.join(" | ", headers)).append(" |").append(eol);
    b.append(separator).append(eol);
    rows.forEach(r -> b.append(r).append(eol));
    return b.toString();
  }

  private static String queueRow(TableLayout layout, TaskRow r) {
    List<Column> columns =
        layout == null
            ? List.of(
                Column.ID,
                Column.TASK,
                Column.ASSIGNED_TO,
                Column.PRIORITY,
                Column.STATUS,
                Column.CREATED)
            : layout.columns();
    List<String> cells = new ArrayList<>();
    for (Column c : columns) {
      cells.add(
          escape(
              switch (c) {
                case ID -> r.id().value();
                case TASK -> r.task();
                case ASSIGNED_TO -> r.assignedTo();
                case PRIORITY -> r.priority() == null ? "" : r.priority().name();
                case STATUS -> r.status().name();
                case CREATED -> r.created();
                default -> "";
              }));
    }
    return "| " + String.join(" | ", cells) + " |";
  }

  private static String logRow(TableLayout layout, LogEntry e) {
    List<Column> columns =
        layout == null
            ? List.of(Column.DATE, Column.AGENT, Column.TASK, Column.STATUS, Column.NOTE)
            : layout.columns();
    List<String> cells = new ArrayList<>();
    for (Column c : columns) {
      cells.add(
          escape(
              switch (c) {
                case DATE -> e.date();
                case AGENT -> e.agent();
                case TASK -> e.task();
                case STATUS -> e.statusText();
                case NOTE -> e.note();
                default -> "";
              }));
    }
    return "| " + String.join(" | ", cells) + " |";
  }

  /**
   * Cells are one line, trimmed, by construction; the values Baton keeps match what a re-read
   * gives.
   */
  private static String clean(String s) {
    return s == null ? "" : s.replace("\r", " ").replace("\n", " ").strip();
  }

  /**
   * CommonMark reads a backslash before ASCII punctuation as an escape, so such a backslash is
   * written twice.
   */
  private static final Pattern BACKSLASH_BEFORE_PUNCTUATION =
      Pattern.compile("\\\\(?=[!-/:-@\\[-`{-~])");

  /**
   * Pipes, and whatever flexmark would read as a span across cells: brackets (a possible link),
   * {@code <!} and {@code <?} (HTML declarations), and backtick runs that do not close within the
   * value (a code span). Public for every other table Baton writes (the report's), so that a cell
   * it writes reads back as the same text.
   */
  public static String escape(String s) {
    // a backslash already before punctuation is doubled first, or "\\|" would read as "\\" and a
    // cell edge
    String v =
        BACKSLASH_BEFORE_PUNCTUATION
            .matcher(clean(s))
            .replaceAll("\\\\\\\\")
            .replace("|", "\\|")
            .replace("[", "\\[")
            .replace("]", "\\]")
            .replace("<!", "\\<!")
            .replace("<?", "\\<?");
    return backticksPaired(v) ? v : v.replace("`", "\\`");
  }

  /** Every backtick run closes within the value, so no code span can reach into the next cell. */
  private static boolean backticksPaired(String v) {
    int i = v.indexOf('`');
    while (i >= 0) {
      int n = run(v, i);
      int k = v.indexOf('`', i + n);
      while (k >= 0 && run(v, k) != n) {
        k = v.indexOf('`', k + run(v, k));
      }
      if (k < 0) {
        return false;
      }
      i = v.indexOf('`', k + n);
    }
    return true;
  }

  private static int run(String v, int at) {
    int end = at;
    while (end < v.length() && v.charAt(end) == '`') {
      end++;
    }
    return end - at;
  }
}
