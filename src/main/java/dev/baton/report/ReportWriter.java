package dev.baton.report;

import dev.baton.board.Board;
import dev.baton.board.BoardEditor;
import dev.baton.board.TaskId;
import dev.baton.board.TaskRow;
import dev.baton.board.TaskStatus;
import dev.baton.run.EventLine;
import dev.baton.run.Happened;
import dev.baton.run.JournalEntry;
import dev.baton.run.RunEvent;
import dev.baton.run.RunEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The final report: the only message the method addresses to the user. Built from the journal (what
 * was asked, prompted, tested), the board (who did what, final statuses) and the run's events
 * (problems met).
 */
public final class ReportWriter {

  /** Whether an event is a problem worth telling. */
  static boolean problem(Happened what) {
    return switch (what) {
      case Happened.TaskBlocked e -> true;
      case Happened.Reassigned e -> true;
      case Happened.Interrupted e -> true;
      case Happened.Unreachable e -> true;
      case Happened.GuardHit e -> true;
      case Happened.GivenUp e -> true;
      case Happened.AgentGone e -> true;
      case Happened.Escalated e -> true;
      case Happened.PlanRowIgnored e -> true;
      case Happened.Silent e -> true;
      case Happened.DependencyGone e -> true;
      case Happened.AgentsLost e -> true;
      case Happened.Stalled e -> true;
      case Happened.RunFailed e -> true;
      default -> false;
    };
  }

  public String write(JournalEntry run, Board board, List<RunEvent> events, Instant finishedAt) {
    return write(run, board, events, finishedAt, null);
  }

  /**
   * @param failureReason why the run stopped before its end, or null for a run that reached it
   */
  public String write(
      JournalEntry run,
      Board board,
      List<RunEvent> events,
      Instant finishedAt,
      String failureReason) {
    return write(run, board, new RunEvents.History(events, 0), finishedAt, failureReason);
  }

  /**
   * @param kept the run's events as kept, with the count of older ones dropped under the history
   *     cap
   * @param failureReason why the run stopped before its end, or null for a run that reached it
   */
  public String write(
      JournalEntry run,
      Board board,
      RunEvents.History kept,
      Instant finishedAt,
      String failureReason) {
    List<RunEvent> events = kept.events();
    StringBuilder md = new StringBuilder();
    md.append("# Baton report — ").append(run.runId()).append("\n\n");
    if (failureReason != null && !failureReason.isBlank()) {
      md.append("**The run failed:** ").append(failureReason.strip()).append("\n\n");
    }
    md.append("**Request**\n\n");
    run.request().strip().lines().forEach(l -> md.append("> ").append(l).append('\n'));
    md.append('\n');
    Duration total = Duration.between(run.startedAt(), finishedAt);
    md.append("Started ")
        .append(run.startedAt())
        .append(", finished ")
        .append(finishedAt)
        .append(" (")
        .append(human(total))
        .append(").\n\n");

    List<TaskRow> rows = rows(run.taskIds(), board);
    long completed = rows.stream().filter(r -> r.status() == TaskStatus.COMPLETED).count();
    long blocked = rows.stream().filter(r -> r.status() == TaskStatus.BLOCKED).count();
    long missing = run.taskIds().size() - rows.size();
    List<String> results = run.testTasks().stream().map(t -> result(t, run, board)).toList();
    long passed = results.stream().filter("PASSED"::equals).count();
    long escalated = results.stream().filter(r -> r.startsWith("FAILING")).count();
    List<RunEvent> problems = events.stream().filter(e -> problem(e.what())).toList();

    md.append("## Summary\n\n");
    md.append("- Tasks: ")
        .append(completed)
        .append(" of ")
        .append(run.taskIds().size())
        .append(" completed");
    if (blocked > 0) {
      md.append(", ").append(blocked).append(" BLOCKED");
    }
    if (missing > 0) {
      md.append(", ").append(missing).append(" no longer on the board");
    }
    md.append('\n');
    md.append("- Tests: ")
        .append(passed)
        .append(" feature(s) passed, ")
        .append(escalated)
        .append(" still failing after the Ralph cycles, ")
        .append(run.testTasks().size())
        .append(" test task(s)\n");
    md.append("- Prompts sent: ").append(run.prompts().size()).append('\n');
    md.append("- Problems met: ").append(problems.size()).append("\n\n");

    md.append(
        "## Tasks\n\n| ID | Task | Done by | Status | Took | Prompts |\n|----|------|---------|--------|------|---------|\n");
    for (TaskRow row : rows) {
      md.append("| ")
          .append(row.id())
          .append(" | ")
          .append(cell(row.task()))
          .append(" | ")
          .append(cell(row.assignedTo()))
          .append(" | ")
          .append(row.status())
          .append(" | ")
          .append(took(row.id().value(), run, events))
          .append(" | ")
          .append(run.prompts().stream().filter(p -> p.taskId().equals(row.id().value())).count())
          .append(" |\n");
    }
    md.append('\n');

    md.append("## Tests (Ralph cycles)\n\n");
    if (run.testTasks().isEmpty()) {
      md.append("No test task was created.\n\n");
    } else {
      md.append(
          "| Feature | Test task | Cycles | Result |\n|---------|-----------|--------|--------|\n");
      for (JournalEntry.TestTask test : run.testTasks()) {
        List<JournalEntry.TestOutcome> cycles =
            run.tests().stream().filter(t -> t.featureId().equals(test.featureId())).toList();
        StringBuilder history = new StringBuilder();
        for (JournalEntry.TestOutcome c : cycles) {
          if (!"escalated".equals(c.verdict())) {
            history
                .append(history.isEmpty() ? "" : ", ")
                .append(c.cycle())
                .append(": ")
                .append(c.verdict());
          }
        }
        String result = result(test, run, board);
        md.append("| ")
            .append(test.featureId())
            .append(" | ")
            .append(test.testId())
            .append(" | ")
            .append(history.isEmpty() ? "—" : history)
            .append(" | ")
            .append(result)
            .append(" |\n");
      }
      md.append('\n');
      for (JournalEntry.TestOutcome c : run.tests()) {
        if ("failed".equals(c.verdict()) && c.detail() != null && !c.detail().isBlank()) {
          md.append("<details><summary>")
              .append(c.featureId())
              .append(", cycle ")
              .append(c.cycle())
              .append(": failure output</summary>\n\n```\n")
              .append(c.detail().strip())
              .append("\n```\n</details>\n\n");
        }
      }
    }

    md.append("## Problems met\n\n");
    if (kept.dropped() > 0) {
      md.append("The ")
          .append(kept.dropped())
          .append(" oldest events of this run were dropped to stay within ")
          .append(
              "`baton.events.history-cap`: problems and task times are counted over the events kept; ")
          .append("Baton's log has every event.\n\n");
    }
    if (problems.isEmpty()) {
      md.append("None.\n");
    } else {
      for (RunEvent e : problems) {
        md.append("- ")
            .append(e.at())
            .append(' ')
            .append(e.taskId() == null ? "" : e.taskId() + " ")
            .append(e.agent() == null ? "" : "(" + e.agent() + ") ")
            .append(e.kind())
            .append(": ")
            .append(firstLine(EventLine.headline(e.what())))
            .append('\n');
      }
    }
    if (failureReason == null || failureReason.isBlank()) {
      md.append("\nProgress: 100 %\n");
    }
    return md.toString();
  }

  /**
   * A feature's verdict as the journal and the board say it now: PASSED needs the last Ralph cycle
   * to have passed and the test row not to be BLOCKED on the board; a feature given up is FAILING;
   * a test row left BLOCKED without a passing cycle is FAILING too.
   */
  static String result(JournalEntry.TestTask test, JournalEntry run, Board board) {
    List<JournalEntry.TestOutcome> cycles =
        run.tests().stream().filter(t -> t.featureId().equals(test.featureId())).toList();
    TaskStatus row = TaskId.parse(test.testId()).flatMap(board::status).orElse(null);
    if (cycles.stream().anyMatch(c -> "escalated".equals(c.verdict()))) {
      return "FAILING";
    }
    String last = cycles.isEmpty() ? null : cycles.getLast().verdict();
    if (row == TaskStatus.BLOCKED) {
      return "passed".equals(last) ? "FAILING (test task BLOCKED on the board)" : "FAILING";
    }
    if ("passed".equals(last)) {
      return "PASSED";
    }
    return "failed".equals(last) ? "FAILING" : "not run";
  }

  private static List<TaskRow> rows(List<String> ids, Board board) {
    List<TaskRow> rows = new ArrayList<>();
    for (String id : ids) {
      TaskId.parse(id).flatMap(board::task).ifPresent(rows::add);
    }
    return rows;
  }

  private static String took(String taskId, JournalEntry run, List<RunEvent> events) {
    Optional<Instant> first =
        run.prompts().stream()
            .filter(p -> p.taskId().equals(taskId))
            .map(JournalEntry.Prompt::at)
            .findFirst();
    Optional<Instant> done =
        events.stream()
            .filter(e -> e.what() instanceof Happened.TaskCompleted c && taskId.equals(c.taskId()))
            .map(RunEvent::at)
            .reduce((a, b) -> b);
    if (first.isEmpty() || done.isEmpty()) {
      return "—";
    }
    return human(Duration.between(first.get(), done.get()));
  }

  private static String human(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : s + " s";
  }

  /**
   * The line a problem is listed with. A message whose first line announces what follows ("its
   * screen was:") gets the last line that follows, or "(empty)" when nothing does, so the list
   * never ends a sentence on a colon.
   */
  static String firstLine(String message) {
    List<String> lines = message == null ? List.of() : message.lines().toList();
    if (lines.isEmpty()) {
      return "";
    }
    String first = lines.getFirst().stripTrailing();
    if (!first.endsWith(":")) {
      return first;
    }
    String last =
        lines.subList(1, lines.size()).stream()
            .filter(l -> !l.isBlank())
            .reduce((a, b) -> b)
            .orElse(null);
    return last == null ? first + " (empty)" : first + " `" + last.strip().replace("`", "'") + "`";
  }

  private static String cell(String text) {
    return text == null ? "" : BoardEditor.escape(text.replace("\n", " "));
  }
}
