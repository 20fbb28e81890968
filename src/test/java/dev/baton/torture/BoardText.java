package dev.baton.torture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the harness reads on a board, with its own small reader rather than Baton's codec: a witness
 * that shared Baton's parser would share its blind spots. Every line that starts with a pipe under
 * the queue heading is a row (a table Baton thinks ended is still read here); only whole rows
 * count, so a file caught mid-write yields fewer rows, never wrong ones.
 *
 * @param statuses task id → Status cell of its queue row
 * @param tasks task id → the cells of its queue row that only the request sets (Task, Priority,
 *     Created, ...), as {@code Task=...; Priority=...}: everything but Assigned To and Status
 * @param log the completion-log rows, as their cells
 * @param hasQueue whether the queue heading is there
 * @param hasLog whether the completion-log heading is there
 */
record BoardText(
    Map<String, String> statuses,
    Map<String, String> tasks,
    Set<LogLine> log,
    boolean hasQueue,
    boolean hasLog) {

  /**
   * One completion-log row, cells trimmed: the same line rewritten with other spacing is the same
   * line.
   */
  record LogLine(String date, String agent, String task, String status, String note) {
    @Override
    public String toString() {
      return "| " + date + " | " + agent + " | " + task + " | " + status + " | " + note + " |";
    }
  }

  private static final Pattern TASK_ID = Pattern.compile("T-\\d{3,}");
  private static final Pattern STATUS = Pattern.compile("[A-Z_]+");

  static BoardText parse(String text) {
    Map<String, String> statuses = new LinkedHashMap<>();
    Map<String, String> tasks = new LinkedHashMap<>();
    Set<LogLine> log = new LinkedHashSet<>();
    boolean hasQueue = false;
    boolean hasLog = false;
    String section = "";
    List<String> header = null;
    for (String raw : text.split("\n", -1)) {
      String line = raw.strip();
      if (line.startsWith("#")) {
        section = line.toLowerCase(Locale.ROOT);
        header = null;
        hasQueue |= section.contains("task assignment queue");
        hasLog |= section.contains("completion log");
        continue;
      }
      if (!line.startsWith("|") || !line.endsWith("|") || line.length() < 2) {
        continue;
      }
      List<String> cells = cells(line);
      if (header == null) {
        header = cells.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
        continue;
      }
      if (cells.stream().allMatch(c -> c.matches(":?-+:?"))) {
        continue;
      }
      if (section.contains("task assignment queue")) {
        int id = header.indexOf("id");
        int status = header.indexOf("status");
        if (id >= 0 && status >= 0 && cells.size() == header.size()) {
          String taskId = cells.get(id);
          String s = cells.get(status);
          if (TASK_ID.matcher(taskId).matches() && STATUS.matcher(s).matches()) {
            statuses.put(taskId, s);
            StringBuilder fixed = new StringBuilder();
            for (int c = 0; c < cells.size(); c++) {
              String name = header.get(c);
              if (c != id && c != status && !name.equals("assigned to")) {
                fixed
                    .append(fixed.isEmpty() ? "" : "; ")
                    .append(name)
                    .append("='")
                    .append(cells.get(c))
                    .append("'");
              }
            }
            tasks.put(taskId, fixed.toString());
          }
        }
      } else if (section.contains("completion log") && cells.size() == 5) {
        log.add(new LogLine(cells.get(0), cells.get(1), cells.get(2), cells.get(3), cells.get(4)));
      }
    }
    return new BoardText(statuses, tasks, log, hasQueue, hasLog);
  }

  /** Cells between unescaped pipes, trimmed. */
  static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    String inner = line.substring(1, line.length() - 1);
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (c == '\\' && i + 1 < inner.length()) {
        cell.append(c).append(inner.charAt(++i));
      } else if (c == '|') {
        cells.add(cell.toString().strip());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString().strip());
    return cells;
  }
}
