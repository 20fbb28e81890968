package dev.baton.cli;

import dev.baton.views.AgentInfo;
import dev.baton.views.TaskRow;
import java.util.List;

/**
 * What the terminal shows of a run at one moment.
 *
 * @param total tasks on the board, -1 when the board is not known
 * @param agents roster lines, empty when no agents view is available
 */
public record ProgressView(
    String runId,
    String phase,
    int total,
    int completed,
    int blocked,
    int inProgress,
    List<AgentInfo> agents) {

  public ProgressView {
    agents = agents == null ? List.of() : List.copyOf(agents);
  }

  public static ProgressView of(
      String runId, String phase, List<TaskRow> tasks, List<AgentInfo> agents) {
    if (tasks == null) {
      return new ProgressView(runId, phase, -1, 0, 0, 0, agents);
    }
    return new ProgressView(
        runId,
        phase,
        tasks.size(),
        count(tasks, "COMPLETED"),
        count(tasks, "BLOCKED"),
        count(tasks, "IN_PROGRESS"),
        agents);
  }

  private static int count(List<TaskRow> tasks, String status) {
    return (int) tasks.stream().filter(t -> status.equalsIgnoreCase(t.status())).count();
  }
}
