package dev.baton.api;

import dev.baton.run.RunEvents;
import dev.baton.run.RunRegistry;
import dev.baton.run.RunSnapshot;
import dev.baton.views.AgentInfo;
import dev.baton.views.AgentsView;
import dev.baton.views.BoardView;
import dev.baton.views.TaskRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Puts together what one run looks like from the registry, the event history, the board and the
 * roster.
 */
@Component
public class RunDetails {
  /** A report bigger than this is cut: the page and the terminal only need to show it. */
  static final int MAX_REPORT_CHARS = 1_000_000;

  private final RunRegistry registry;
  private final RunEvents events;
  private final ObjectProvider<BoardView> board;
  private final ObjectProvider<AgentsView> agents;

  public RunDetails(
      RunRegistry registry,
      RunEvents events,
      ObjectProvider<BoardView> board,
      ObjectProvider<AgentsView> agents) {
    this.registry = registry;
    this.events = events;
    this.board = board;
    this.agents = agents;
  }

  public RunDetail of(String runId) {
    RunSnapshot run = registry.get(runId).orElseThrow(() -> new UnknownRunException(runId));
    List<String> notes = new ArrayList<>();
    List<TaskRow> tasks = null;
    BoardView boardView = board.getIfAvailable();
    if (boardView == null) {
      notes.add("tasks: no board view in this process");
    } else {
      try {
        tasks = boardView.tasksOf(runId);
      } catch (RuntimeException e) {
        notes.add("tasks: the board could not be read: " + e.getMessage());
      }
    }
    List<AgentInfo> roster = null;
    AgentsView agentsView = agents.getIfAvailable();
    if (agentsView == null) {
      notes.add("agents: no agents view in this process");
    } else {
      roster = agentsView.agents();
    }
    String report = run.phase().finished() ? readReport(run.reportPath(), notes) : null;
    return new RunDetail(
        RunSummary.of(run),
        tasks,
        countByStatus(tasks),
        roster,
        events.of(runId),
        report,
        List.copyOf(notes));
  }

  static Map<String, Long> countByStatus(List<TaskRow> tasks) {
    if (tasks == null) {
      return Map.of();
    }
    return tasks.stream()
        .collect(Collectors.groupingBy(TaskRow::status, TreeMap::new, Collectors.counting()));
  }

  /** The report's text, or null with a note saying why there is none. */
  public static String readReport(Path path, List<String> notes) {
    if (path == null) {
      notes.add("report: this run wrote no report");
      return null;
    }
    try {
      String text = Files.readString(path, StandardCharsets.UTF_8);
      return text.length() > MAX_REPORT_CHARS
          ? text.substring(0, MAX_REPORT_CHARS) + "\n…(cut)\n"
          : text;
    } catch (IOException e) {
      notes.add("report: " + path + " could not be read (" + e.getClass().getSimpleName() + ")");
      return null;
    }
  }
}
