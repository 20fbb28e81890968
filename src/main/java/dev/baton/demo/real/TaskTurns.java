package dev.baton.demo.real;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a model would do next on one of Baton's task prompts, whatever the wire protocol: read the
 * board, set the task's row to COMPLETED, append a completion-log row, then end the turn with a
 * short text. The decision depends only on the task prompt and the last board text the CLI's own
 * read tool returned, so a retried or repeated request gets the same answer; an edit is always
 * followed by a fresh read, because the CLI's edit tool refuses a stale file.
 */
final class TaskTurns {

  /** The next step: read the board, replace one exact piece of it, or end the turn. */
  sealed interface Step {}

  record Read(String path) implements Step {}

  record Replace(String path, String oldText, String newText) implements Step {}

  record Finish(String text) implements Step {}

  /**
   * Run a command with the CLI's shell tool: the project's test command, or one that needs the
   * user's approval.
   */
  record Shell(String command) implements Step {}

  /** A Baton task prompt: the task id, the board file it names and the agent's name. */
  record TaskPrompt(String taskId, String board, String agent, boolean planning, boolean tests) {
    private static final Pattern TASK =
        Pattern.compile("(?m)^(?:Task|Tâche) (T-\\d+)( \\(planning\\))?( \\(tests\\))?");
    private static final Pattern BOARD =
        Pattern.compile(
            "(?:update the file|of the file|à jour le fichier|du fichier) (\\S+?)\\s*:?\\s");
    private static final Pattern AGENT = Pattern.compile("(?:your name|ton nom) \\(([^)]+)\\)");

    static Optional<TaskPrompt> find(String text) {
      Matcher task = TASK.matcher(text);
      Matcher board = BOARD.matcher(text);
      Matcher agent = AGENT.matcher(text);
      if (!task.find() || !board.find()) {
        return Optional.empty();
      }
      return Optional.of(
          new TaskPrompt(
              task.group(1),
              board.group(1),
              agent.find() ? agent.group(1) : "agent",
              task.group(2) != null,
              task.group(3) != null));
    }

    /**
     * The same prompt with its board resolved against the CLI's working folder: edit tools want
     * absolute paths.
     */
    TaskPrompt in(java.nio.file.Path workdir) {
      return new TaskPrompt(taskId, workdir.resolve(board).toString(), agent, planning, tests);
    }
  }

  /**
   * What one of the CLI's tool calls in the current turn did: a read with the text it returned, an
   * edit, or a shell command ({@code command} not empty) with its output.
   */
  record ToolEvent(
      boolean read, boolean ok, String text, String oldText, String newText, String command) {
    static ToolEvent read(boolean ok, String text) {
      return new ToolEvent(true, ok, text, "", "", "");
    }

    static ToolEvent edit(boolean ok, String oldText, String newText) {
      return new ToolEvent(false, ok, "", oldText, newText, "");
    }

    static ToolEvent shell(boolean ok, String command, String output) {
      return new ToolEvent(false, ok, output, "", "", command);
    }

    boolean isShell() {
      return !command.isEmpty();
    }
  }

  /** Whether the turn already ran this command with the shell tool. */
  static boolean ran(List<ToolEvent> events, String command) {
    return events.stream().anyMatch(e -> e.isShell() && e.command().contains(command));
  }

  private TaskTurns() {}

  /**
   * The board as the CLI knows it after its tool calls so far: the last read that returned the
   * file, with every successful edit since applied to it; empty after a failed edit, so the next
   * step reads again. A read that returns no file text (Claude Code's "file unchanged since your
   * last Read") keeps what was known.
   */
  static Optional<String> boardAfter(List<ToolEvent> events) {
    return boardAfter(Optional.empty(), events);
  }

  /**
   * @param before the board as the conversation showed it before this turn (an earlier read, or
   *     Claude Code's memory file, which it loads at start and then answers a Read of with "file
   *     unchanged"): trusted only once a read in this turn says it is unchanged
   */
  static Optional<String> boardAfter(Optional<String> before, List<ToolEvent> events) {
    String known = before.orElse(null);
    boolean valid = false;
    for (ToolEvent e : events) {
      if (e.isShell()) {
        continue;
      }
      if (e.read()) {
        if (e.ok() && e.text().contains("## Task Completion Log")) {
          known = e.text();
          valid = true;
        } else if (e.ok() && known != null) {
          valid = true;
        }
      } else if (e.ok() && known != null && known.contains(e.oldText())) {
        known = known.replace(e.oldText(), e.newText());
      } else {
        valid = false;
      }
    }
    return valid ? Optional.ofNullable(known) : Optional.empty();
  }

  /**
   * A model gives up after a few failed edits instead of looping; Baton then sees a silent agent.
   */
  static boolean givesUp(List<ToolEvent> events) {
    return events.stream().filter(e -> !e.read() && !e.isShell() && !e.ok()).count() >= 3;
  }

  /**
   * @param boardText the board as the last read returned it, or empty when the turn has not read it
   *     yet or the last tool call was an edit (success or failure: read again either way)
   */
  static Step next(TaskPrompt prompt, Optional<String> boardText) {
    return next(prompt, boardText, null);
  }

  /**
   * @param blockedNote when not null, the turn ends the task BLOCKED with this note in the
   *     completion log instead of COMPLETED, the way the prompt asks an agent that cannot go on to
   *     report it
   */
  static Step next(TaskPrompt prompt, Optional<String> boardText, String blockedNote) {
    String outcome = blockedNote == null ? "COMPLETED" : "BLOCKED";
    if (boardText.isEmpty()) {
      return new Read(prompt.board());
    }
    List<String> lines = boardText.get().lines().toList();
    String rowPrefix = "| " + prompt.taskId() + " |";
    Optional<String> row = lines.stream().filter(l -> l.startsWith(rowPrefix)).findFirst();
    if (row.isEmpty()) {
      return new Finish("I could not find " + prompt.taskId() + " on the board.");
    }
    String[] cells = row.get().split("\\|", -1);
    // | ID | Task | Assigned To | Priority | Status | Created |  → cells[5] is the status
    Optional<Step> status = Optional.empty();
    if (cells.length > 6 && !cells[5].strip().equals(outcome)) {
      cells[5] = " " + outcome + " ";
      status = Optional.of(new Replace(prompt.board(), row.get(), String.join("|", cells)));
    }
    boolean logged =
        lines.stream()
            .anyMatch(
                l ->
                    l.startsWith("| ")
                        && l.contains("| " + prompt.taskId() + " |")
                        && l.contains(prompt.agent())
                        && l.contains("| " + outcome + " |")
                        && !l.startsWith(rowPrefix));
    Optional<Step> log = Optional.empty();
    if (!logged) {
      int header = indexOf(lines, "## Task Completion Log");
      if (header < 0) {
        return new Finish("The board has no Task Completion Log.");
      }
      int last = header;
      for (int i = header + 1; i < lines.size(); i++) {
        if (lines.get(i).startsWith("|")) {
          last = i;
        } else if (last > header && !lines.get(i).isBlank()) {
          break;
        }
      }
      String anchor = lines.get(last);
      String note =
          blockedNote != null ? blockedNote : prompt.tests() ? "PASSED all tests" : "done";
      String entry =
          "| "
              + LocalDate.now()
              + " | "
              + prompt.agent()
              + " | "
              + prompt.taskId()
              + " | "
              + outcome
              + " | "
              + note
              + " |";
      log = Optional.of(new Replace(prompt.board(), anchor, anchor + "\n" + entry));
    }
    // a block's note goes first, so whoever reads the BLOCKED row finds its reason already there
    Optional<Step> first = blockedNote == null ? status : log;
    Optional<Step> second = blockedNote == null ? log : status;
    if (first.isPresent()) {
      return first.get();
    }
    if (second.isPresent()) {
      return second.get();
    }
    return new Finish(
        blockedNote == null
            ? prompt.taskId() + " is done and marked COMPLETED on the board."
            : prompt.taskId() + " is blocked: " + blockedNote);
  }

  private static int indexOf(List<String> lines, String heading) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(heading)) {
        return i;
      }
    }
    return -1;
  }
}
