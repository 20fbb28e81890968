package dev.baton.board;

import dev.baton.board.Problem.Kind;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads CLAUDE.md into a {@link Board} and writes boards from scratch.
 *
 * <p>The two sections are located by a cheap line scan (headings outside code fences), and only
 * their tables go through flexmark, so prose of any size costs next to nothing. Reading never
 * throws on content: what cannot be understood becomes a {@link Problem}.
 */
public final class BoardCodec {

  static final String QUEUE_HEADING = "## Task Assignment Queue";
  static final String LOG_HEADING = "## Task Completion Log";
  static final List<String> QUEUE_HEADERS =
      List.of("ID", "Task", "Assigned To", "Priority", "Status", "Created");
  static final List<String> LOG_HEADERS = List.of("Date", "Agent", "Task", "Status", "Note");
  static final String QUEUE_SEPARATOR = "|----|------|-------------|----------|--------|---------|";
  static final String LOG_SEPARATOR = "|------|-------|------|--------|------|";

  private static final Pattern SEPARATOR =
      Pattern.compile("\\s*\\|?(\\s*:?-+:?\\s*\\|)*\\s*:?-+:?\\s*\\|?\\s*");
  private static final Pattern PROGRESS =
      Pattern.compile(
          "^\\s*(?:[-*+]\\s+)?[*_]{0,2}progress(?:ion)?[*_]{0,2}\\s*:?\\s*[*_]{0,2}\\s*:?\\s*(\\d{1,3})\\s*%",
          Pattern.CASE_INSENSITIVE);
  private static final String EXPECTED_QUEUE =
      "a heading \""
          + QUEUE_HEADING
          + "\" followed by the table | ID | Task | Assigned To | Priority | Status | Created |";
  private static final String EXPECTED_LOG =
      "a heading \""
          + LOG_HEADING
          + "\" followed by the table | Date | Agent | Task | Status | Note |";
  private static final String STATUSES = "one of PENDING, IN_PROGRESS, COMPLETED, BLOCKED";

  private final CellSplitter splitter = new CellSplitter();

  public Board parse(String text) {
    return parse(null, text);
  }

  /**
   * @param file used only in problem messages
   */
  public Board parse(Path file, String text) {
    return new Reading(file, text).read();
  }

  /**
   * A fresh board in the seed's format holding exactly these rows (used to create files and in
   * tests).
   */
  public String render(List<TaskRow> tasks, List<LogEntry> log, Integer progress) {
    BoardEditor editor = new BoardEditor(parse(""), null);
    editor.ensureSections();
    tasks.forEach(editor::insertTask);
    log.forEach(editor::appendLog);
    if (progress != null) {
      editor.setProgress(progress);
    }
    return editor.result();
  }

  private final class Reading {
    private final Path file;
    private final String text;
    private final TextLines lines;
    private final List<Problem> problems = new ArrayList<>();
    private final List<TaskRow> tasks = new ArrayList<>();
    private final Map<TaskId, TaskRow> byId = new HashMap<>();
    private final Map<TaskId, Cells> queueCells = new HashMap<>();
    private final List<LogEntry> log = new ArrayList<>();
    private final List<Cells> logCells = new ArrayList<>();
    private final Map<TaskId, List<Cells>> duplicates = new HashMap<>();
    private int queueRows;
    private long highestId;
    private int progress = -1;
    private int progressStart = -1;
    private int progressEnd = -1;

    Reading(Path file, String text) {
      this.file = file;
      this.text = text;
      this.lines = TextLines.of(text);
    }

    Board read() {
      int queueHeading = -1;
      int logHeading = -1;
      boolean fenced = false;
      for (int i = 0; i < lines.count(); i++) {
        int first = lines.firstChar(i);
        if (first == '`' || first == '~') {
          String t = lines.content(i).strip();
          if (t.startsWith("```") || t.startsWith("~~~")) {
            fenced = !fenced;
          }
          continue;
        }
        if (fenced) {
          continue;
        }
        if (first == '#') {
          String h = fold(lines.content(i));
          if (h.contains("taskassignmentqueue")) {
            if (queueHeading < 0) {
              queueHeading = i;
            } else {
              problem(
                  i,
                  Kind.DUPLICATE_SECTION,
                  "second \"Task Assignment Queue\" section (first at line "
                      + (queueHeading + 1)
                      + "); it is ignored",
                  "one queue section");
            }
          } else if (h.contains("taskcompletionlog")) {
            if (logHeading < 0) {
              logHeading = i;
            } else {
              problem(
                  i,
                  Kind.DUPLICATE_SECTION,
                  "second \"Task Completion Log\" section (first at line "
                      + (logHeading + 1)
                      + "); it is ignored",
                  "one completion log section");
            }
          }
        } else if (progress < 0 && hasPercent(i)) {
          Matcher m = PROGRESS.matcher(lines.content(i));
          if (m.find()) {
            progress = Integer.parseInt(m.group(1));
            progressStart = lines.start(i) + m.start(1);
            progressEnd = lines.start(i) + m.end(1);
          }
        }
      }
      TableLayout queue = null;
      TableLayout logTable = null;
      if (queueHeading < 0) {
        problem(-1, Kind.MISSING_SECTION, "no \"Task Assignment Queue\" section", EXPECTED_QUEUE);
      } else {
        queue = table(queueHeading, true);
      }
      if (logHeading < 0) {
        problem(-1, Kind.MISSING_SECTION, "no \"Task Completion Log\" section", EXPECTED_LOG);
      } else {
        logTable = table(logHeading, false);
      }
      return new Board(
          file,
          text,
          lines,
          tasks,
          byId,
          log,
          problems,
          queueHeading,
          queue,
          logHeading,
          logTable,
          queueCells,
          duplicates,
          queueRows,
          logCells,
          progress,
          progressStart,
          progressEnd,
          highestId);
    }

    /**
     * Searching only this line: an unbounded indexOf scanned the rest of a file without a '%' once
     * per line.
     */
    private boolean hasPercent(int line) {
      for (int i = lines.start(line), end = lines.contentEnd(line); i < end; i++) {
        if (text.charAt(i) == '%') {
          return true;
        }
      }
      return false;
    }

    private TableLayout table(int heading, boolean isQueue) {
      String name = isQueue ? "Task Assignment Queue" : "Task Completion Log";
      String expected = isQueue ? EXPECTED_QUEUE : EXPECTED_LOG;
      int first = -1;
      for (int i = heading + 1; i < lines.count(); i++) {
        int c = lines.firstChar(i);
        if (c == '#' || c == '`' || c == '~') {
          break;
        }
        if (c == '|') {
          first = i;
          break;
        }
      }
      if (first < 0) {
        problem(heading, Kind.MISSING_TABLE, "section \"" + name + "\" has no table", expected);
        return null;
      }
      if (first + 1 >= lines.count() || !SEPARATOR.matcher(lines.content(first + 1)).matches()) {
        problem(
            first,
            Kind.MISSING_TABLE,
            "the table under \"" + name + "\" has no separator line after its header",
            "a line like " + (isQueue ? QUEUE_SEPARATOR : LOG_SEPARATOR) + " under the header");
        return null;
      }
      // The table runs to its last row-like line before the next heading: a row without its leading
      // pipe or a blank line between rows does not end it, so no row after them is silently
      // dropped.
      int last = first + 1;
      for (int i = first + 2; i < lines.count(); i++) {
        int c = lines.firstChar(i);
        if (c == '#' || c == '`' || c == '~') {
          break;
        }
        if (i > first + 2 && separatorLine(i) && rowLike(i - 1) && !lines.isBlank(i - 1)) {
          // another table under the same heading: it ends this one, and Baton never writes into it
          last = i - 2;
          while (last > first + 1 && !rowLike(last)) {
            last--;
          }
          problem(
              i - 1,
              Kind.NOT_A_ROW,
              "a second table starts here under \"" + name + "\"; its rows are not read",
              "one table per section");
          break;
        }
        if (rowLike(i)) {
          last = i;
        }
      }
      List<Integer> rowList = new ArrayList<>();
      for (int i = first + 2; i <= last; i++) {
        if (lines.isBlank(i)) {
          continue;
        }
        if (lines.firstChar(i) != '|' && indexOf('|', i) < 0) {
          problem(
              i,
              Kind.NOT_A_ROW,
              "line inside the \"" + name + "\" table is not a table row; it was" + " not read",
              "a row like "
                  + (isQueue
                      ? "| T-001 | … | … | MED | PENDING | 2026-01-27 |"
                      : "| 2026-01-27 | AMP | T-001 | COMPLETED | note |"));
          continue;
        }
        rowList.add(i);
      }
      int[] rowLines = rowList.stream().mapToInt(Integer::intValue).toArray();
      List<Cells> cells = splitter.split(text, lines, first, first + 1, rowLines);
      if (cells == null) {
        problem(
            first,
            Kind.MISSING_TABLE,
            "the table under \"" + name + "\" is not a Markdown table",
            expected);
        return null;
      }
      Cells header = cells.get(0);
      List<String> headers = new ArrayList<>();
      List<Column> columns = new ArrayList<>();
      for (int i = 0; i < header.count(); i++) {
        String h = header.value(text, i);
        headers.add(h);
        Column col = isQueue ? Column.ofQueueHeader(h) : Column.ofLogHeader(h);
        columns.add(col != Column.EXTRA && columns.contains(col) ? Column.EXTRA : col);
      }
      TableLayout layout = new TableLayout(heading, first, first + 1, last, headers, columns);
      List<Column> required =
          isQueue ? List.of(Column.ID, Column.STATUS) : List.of(Column.TASK, Column.STATUS);
      List<String> missing = new ArrayList<>();
      for (Column c : required) {
        if (!columns.contains(c)) {
          missing.add(c == Column.ID ? "ID" : c == Column.TASK ? "Task" : "Status");
        }
      }
      if (!missing.isEmpty()) {
        problem(
            first,
            Kind.MISSING_COLUMN,
            "the \""
                + name
                + "\" table has no "
                + String.join(" or ", missing)
                + " column, so its "
                + rowLines.length
                + " row(s) were not read",
            "header "
                + (isQueue
                    ? "| " + String.join(" | ", QUEUE_HEADERS) + " |"
                    : "| " + String.join(" | ", LOG_HEADERS) + " |"));
        return layout;
      }
      for (int i = 0; i < rowLines.length; i++) {
        Cells row = cells.get(i + 1);
        if (cutMidRow(row, header, rowLines[i])) {
          problem(
              row.line(),
              Kind.TRUNCATED,
              "the file ends in the middle of this row: it looks truncated"
                  + " (being written?); the row was not read",
              "the whole file, every row ending with" + " a line break");
          continue;
        }
        if (row.count() != header.count()) {
          problem(
              row.line(),
              Kind.WRONG_CELL_COUNT,
              "row has " + row.count() + " cell(s)",
              header.count()
                  + " cells, one per header column (| "
                  + String.join(" | ", headers)
                  + " |)");
        }
        if (isQueue) {
          queueRow(layout, row);
        } else {
          logRow(layout, row);
        }
      }
      return layout;
    }

    /**
     * A line that belongs to the table even if it is not a good row: it has a pipe or starts with a
     * task id.
     */
    private boolean rowLike(int line) {
      if (lines.firstChar(line) == '|' || indexOf('|', line) >= 0) {
        return true;
      }
      String t = lines.content(line).strip();
      return t.length() > 2
          && (t.charAt(0) == 'T' || t.charAt(0) == 't')
          && t.charAt(1) == '-'
          && Character.isDigit(t.charAt(2));
    }

    /**
     * A header separator such as {@code |---|:--:|}: only pipes, dashes, colons and blanks, checked
     * cheaply first.
     */
    private boolean separatorLine(int line) {
      boolean dash = false;
      for (int i = lines.start(line), end = lines.contentEnd(line); i < end; i++) {
        char ch = text.charAt(i);
        if (ch == '-') {
          dash = true;
        } else if (ch != '|' && ch != ':' && ch != ' ' && ch != '\t') {
          return false;
        }
      }
      return dash && SEPARATOR.matcher(lines.content(line)).matches();
    }

    private int indexOf(char c, int line) {
      for (int i = lines.start(line), end = lines.contentEnd(line); i < end; i++) {
        if (text.charAt(i) == c) {
          return i;
        }
      }
      return -1;
    }

    /**
     * The last line of a file that ends without a line break, with fewer cells than the header or
     * without the closing pipe the header has: what an agent's write looks like when read halfway.
     */
    private boolean cutMidRow(Cells row, Cells header, int line) {
      if (line != lines.count() - 1 || !lines.eol(line).isEmpty()) {
        return false;
      }
      boolean headerCloses = endsWithPipe(header.line());
      return row.count() < header.count() || (headerCloses && !endsWithPipe(line));
    }

    private boolean endsWithPipe(int line) {
      int e = lines.contentEnd(line);
      while (e > lines.start(line) && Character.isWhitespace(text.charAt(e - 1))) {
        e--;
      }
      return e > lines.start(line)
          && text.charAt(e - 1) == '|'
          && (e - 2 < lines.start(line) || text.charAt(e - 2) != '\\');
    }

    private void queueRow(TableLayout layout, Cells row) {
      String idText = row.value(text, layout.indexOf(Column.ID));
      var id = TaskId.parse(idText);
      if (id.isEmpty()) {
        problem(
            row.line(),
            Kind.BAD_ID,
            "\"" + idText + "\" is not a task id; the row was not read",
            "an ID like T-001 (T- followed by at least 3 digits)");
        return;
      }
      TaskId tid = id.get();
      highestId = Math.max(highestId, tid.number());
      queueRows++;
      String statusText = row.value(text, layout.indexOf(Column.STATUS));
      var status = TaskStatus.parse(statusText);
      Cells earlier = queueCells.get(tid);
      if (earlier != null) {
        TaskRow kept = byId.get(tid);
        int keptRank = kept == null ? -1 : advance(kept.status());
        int rank = status.map(BoardCodec::advance).orElse(-1);
        boolean wins = rank >= keptRank;
        Cells loser = wins ? earlier : row;
        Cells winner = wins ? row : earlier;
        duplicates.computeIfAbsent(tid, k -> new ArrayList<>()).add(loser);
        problem(
            row.line(),
            Kind.DUPLICATE_ID,
            "task "
                + tid
                + " appears again (also at line "
                + (earlier.line() + 1)
                + "); line "
                + (winner.line() + 1)
                + " is read: the most advanced"
                + " status wins (COMPLETED, BLOCKED, IN_PROGRESS, PENDING; on a tie the later row), and Baton"
                + " writes its changes to every copy",
            "each ID once in the queue");
        if (!wins) {
          return;
        }
        queueCells.put(tid, row);
        if (kept != null) {
          tasks.remove(kept);
          byId.remove(tid);
        }
      } else {
        queueCells.put(tid, row);
      }
      if (status.isEmpty()) {
        if (rowEndsFile(row) && statusText.isEmpty()) {
          problem(
              row.line(),
              Kind.TRUNCATED,
              "task "
                  + tid
                  + " has no status and the file ends with"
                  + " this row: it looks truncated (being written?)",
              STATUSES);
          return;
        }
        problem(
            row.line(),
            Kind.UNKNOWN_STATUS,
            "task " + tid + " has status \"" + statusText + "\"; the row was not read",
            STATUSES);
        return;
      }
      String priorityText = row.value(text, layout.indexOf(Column.PRIORITY));
      Priority priority = Priority.parse(priorityText).orElse(null);
      if (priority == null && !priorityText.isBlank()) {
        problem(
            row.line(),
            Kind.UNKNOWN_PRIORITY,
            "task " + tid + " has priority \"" + priorityText + "\"; it is read as no priority",
            "one of LOW, MED, HIGH");
      }
      Map<String, String> extra = new LinkedHashMap<>();
      for (int c = 0; c < layout.columns().size(); c++) {
        if (layout.columns().get(c) == Column.EXTRA) {
          extra.put(layout.headers().get(c), row.value(text, c));
        }
      }
      TaskRow task =
          new TaskRow(
              tid,
              row.value(text, layout.indexOf(Column.TASK)),
              row.value(text, layout.indexOf(Column.ASSIGNED_TO)),
              priority,
              status.get(),
              statusText,
              row.value(text, layout.indexOf(Column.CREATED)),
              extra);
      tasks.add(task);
      byId.put(tid, task);
    }

    private boolean rowEndsFile(Cells row) {
      return row.line() == lines.count() - 1 && lines.eol(row.line()).isEmpty();
    }

    private void logRow(TableLayout layout, Cells row) {
      String taskText = row.value(text, layout.indexOf(Column.TASK));
      TaskId id = TaskId.find(taskText).orElse(null);
      if (id != null) {
        highestId = Math.max(highestId, id.number());
      }
      String statusText = row.value(text, layout.indexOf(Column.STATUS));
      TaskStatus status = TaskStatus.parse(statusText).orElse(null);
      if (status == null) {
        problem(
            row.line(),
            Kind.UNKNOWN_STATUS,
            "log entry for "
                + (id == null ? "\"" + taskText + "\"" : id)
                + " has status \""
                + statusText
                + "\"; it is kept without a status",
            STATUSES);
      }
      log.add(
          new LogEntry(
              row.value(text, layout.indexOf(Column.DATE)),
              row.value(text, layout.indexOf(Column.AGENT)),
              taskText,
              id,
              status,
              statusText,
              row.value(text, layout.indexOf(Column.NOTE))));
      logCells.add(row);
    }

    private void problem(int line, Kind kind, String message, String expected) {
      problems.add(new Problem(file, line + 1, kind, message, expected));
    }
  }

  /**
   * How far a status has come, for choosing among duplicate rows: a final status is never hidden.
   */
  static int advance(TaskStatus status) {
    return switch (status) {
      case PENDING -> 0;
      case IN_PROGRESS -> 1;
      case BLOCKED -> 2;
      case COMPLETED -> 3;
    };
  }

  private static String fold(String heading) {
    return Normalizer.normalize(heading, Normalizer.Form.NFD)
        .replaceAll("\\p{M}+", "")
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z]", "");
  }
}
