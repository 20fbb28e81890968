package dev.baton.api;

import dev.baton.run.RunEvent;
import dev.baton.views.AgentInfo;
import dev.baton.views.TaskRow;
import java.util.List;
import java.util.Map;

/**
 * Everything known about one run.
 *
 * @param tasks the run's board rows, null when no board view is wired (see {@code notes})
 * @param taskCounts rows per status
 * @param agents the roster, null when no agents view is wired
 * @param report text of the final report once the run has ended, else null
 * @param notes what could not be shown and why
 */
public record RunDetail(
    RunSummary run,
    List<TaskRow> tasks,
    Map<String, Long> taskCounts,
    List<AgentInfo> agents,
    List<RunEvent> events,
    String report,
    List<String> notes) {}
