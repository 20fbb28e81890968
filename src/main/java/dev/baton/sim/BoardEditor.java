package dev.baton.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Edits CLAUDE.md the way a coding agent does: reads the whole file, changes the task's Status cell
 * and appends a log row with plain line edits, and writes the whole file back in place (no
 * temporary file, no rename, no lock). Like Claude Code's Edit tool ("File has been unexpectedly
 * modified. Read it again before attempting to write it."), it looks at the file once more just
 * before writing and starts over from a fresh read when someone changed it; two agents passing that
 * check at the same instant still erase each other's edit, as real ones do. A status row it cannot
 * find (the file caught empty in the middle of another agent's in-place write) fails the edit the
 * way an Edit tool's missing {@code old_string} does: it looks again a little later, and only after
 * a few tries appends its log line alone. Knows nothing of Baton's own board model on purpose: it
 * stands for an outside editor.
 */
final class BoardEditor {

  private static final Pattern LOG_HEADING = Pattern.compile("(?i)^#+\\s.*completion log.*$");

  /** Fresh reads before the agent gives up checking and writes what it has. */
  private static final int READ_AGAIN_LIMIT = 5;

  /** Looks for a missing status row before giving up on it. */
  private static final int ROW_LOOKS = 4;

  /**
   * Runs between composing the edit and the last look at the file: where another writer can slip
   * in.
   */
  private final Runnable thinking;

  /** Runs before looking again for a missing row. */
  private final Runnable pause;

  BoardEditor() {
    this(() -> {}, BoardEditor::shortPause);
  }

  BoardEditor(Runnable thinking, Runnable pause) {
    this.thinking = thinking;
    this.pause = pause;
  }

  private static void shortPause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What the edit found; {@code readAgain} counts the times the file changed under the edit. */
  record Outcome(boolean rowFound, boolean logAppended, int readAgain) {}

  Outcome record(
      Path board, String taskId, String status, String agent, String note, LocalDate date)
      throws IOException {
    String row =
        "| "
            + date
            + " | "
            + cell(agent)
            + " | "
            + taskId
            + " | "
            + status
            + " | "
            + cell(note)
            + " |";
    int readAgain = 0;
    int looks = 1;
    while (true) {
      String content = Files.readString(board, StandardCharsets.UTF_8);
      List<String> lines = new ArrayList<>(Arrays.asList(content.split("\n", -1)));
      boolean found = setStatus(lines, taskId, status);
      if (!found && looks < ROW_LOOKS) {
        looks++;
        pause.run();
        continue;
      }
      appendLog(lines, row);
      thinking.run();
      if (readAgain < READ_AGAIN_LIMIT
          && !content.equals(Files.readString(board, StandardCharsets.UTF_8))) {
        readAgain++;
        continue;
      }
      Files.writeString(board, String.join("\n", lines), StandardCharsets.UTF_8);
      return new Outcome(found, true, readAgain);
    }
  }

  private static boolean setStatus(List<String> lines, String taskId, String status) {
    int statusColumn = -1;
    boolean inTable = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (!line.startsWith("|")) {
        inTable = false;
        statusColumn = -1;
        continue;
      }
      String[] parts = cells(lines.get(i));
      if (!inTable) {
        inTable = true;
        for (int c = 1; c < parts.length; c++) {
          if (parts[c].strip().equalsIgnoreCase("status")) {
            statusColumn = c;
          }
        }
        continue;
      }
      if (statusColumn > 0 && parts.length > statusColumn && parts[1].strip().equals(taskId)) {
        parts[statusColumn] = " " + status + " ";
        lines.set(i, String.join("|", parts));
        return true;
      }
    }
    return false;
  }

  /**
   * Splits a table row at its unescaped pipes, reading left to right as GitHub's table parser does:
   * a backslash escapes the next character, so in {@code \\\|} the pipe belongs to the cell and in
   * {@code \\|} it does not. Joining the parts with pipes gives the line back unchanged.
   */
  static String[] cells(String line) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '|') {
        parts.add(line.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(line.substring(start));
    return parts.toArray(String[]::new);
  }

  private static void appendLog(List<String> lines, String row) {
    int heading = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (LOG_HEADING.matcher(lines.get(i).strip()).matches()) {
        heading = i;
        break;
      }
    }
    if (heading < 0) {
      while (!lines.isEmpty() && lines.getLast().isBlank()) {
        lines.removeLast();
      }
      lines.addAll(
          List.of(
              "",
              "## Task Completion Log",
              "| Date | Agent | Task | Status | Note |",
              "|------|-------|------|--------|------|",
              row,
              ""));
      return;
    }
    int first = heading + 1;
    while (first < lines.size()
        && !lines.get(first).strip().startsWith("|")
        && !lines.get(first).strip().startsWith("#")) {
      first++;
    }
    if (first >= lines.size() || !lines.get(first).strip().startsWith("|")) {
      lines.addAll(
          heading + 1,
          List.of(
              "| Date | Agent | Task | Status | Note |",
              "|------|-------|------|--------|------|",
              row));
      return;
    }
    int last = first;
    while (last + 1 < lines.size() && lines.get(last + 1).strip().startsWith("|")) {
      last++;
    }
    lines.add(last + 1, row);
  }

  private static String cell(String text) {
    return text.replace('|', '/').replaceAll("[\\r\\n]+", " ").strip();
  }
}
