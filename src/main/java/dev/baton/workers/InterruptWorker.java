package dev.baton.workers;

import dev.baton.agents.AgentRoster;
import dev.baton.agents.AgentUnreachableException;
import dev.baton.agents.InterruptResult;
import dev.baton.agents.Interrupter;
import dev.baton.agents.PromptKind;
import dev.baton.agents.SilenceTracker;
import dev.baton.agents.StateProbe;
import dev.baton.board.TaskBoard;
import dev.baton.process.ErrorCodes;
import dev.baton.process.JobTypes;
import dev.baton.run.Happened;
import dev.baton.run.Prompter;
import dev.baton.run.RunEvents;
import dev.baton.tmux.DeadPaneException;
import dev.baton.tmux.UnknownTargetException;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The method's answer to an agent that does not get on with its task, whether silent, busy with
 * nothing changing, or holding it past {@code taskTimeout} (the model says which through {@code
 * cause} and the poll counts): look at its screen (kept in the run log), interrupt it (Escape, then
 * C-c only if still busy) and give it the prompt again. If it does not get on, the model reassigns
 * the task; the model, not this step, records {@code interrupted} and starts its counts afresh.
 * When the new prompt would pass the limits, nothing is typed and the model's {@code GUARD_HIT}
 * gives the task up (its give-up step stops the agent if it is still busy).
 */
@Component
public class InterruptWorker {
  private static final int SCREEN_LINES = 12;

  private final AgentRoster roster;
  private final StateProbe probe;
  private final Interrupter interrupter;
  private final Prompter prompter;
  private final TaskBoard board;
  private final SilenceTracker silence;
  private final RunEvents events;

  public InterruptWorker(
      AgentRoster roster,
      StateProbe probe,
      Interrupter interrupter,
      Prompter prompter,
      TaskBoard board,
      SilenceTracker silence,
      RunEvents events) {
    this.roster = roster;
    this.probe = probe;
    this.interrupter = interrupter;
    this.prompter = prompter;
    this.board = board;
    this.silence = silence;
    this.events = events;
  }

  @JobWorker(type = JobTypes.INTERRUPT)
  public void interrupt(
      ActivatedJob job,
      @Variable String runId,
      @Variable String taskId,
      @Variable String agent,
      @Variable(optional = true) String cause,
      @Variable(optional = true) Integer silentPolls,
      @Variable(optional = true) Integer stuckPolls) {
    CostGuard.check(prompter, events, job.getKey(), runId, taskId, agent);
    var who = roster.require(agent);
    var seen = probe.observe(who);
    InterruptResult result;
    try {
      result = interrupter.interrupt(who);
    } catch (DeadPaneException | UnknownTargetException e) {
      // the pane died (or its window closed) since the check: the model's "Agent unreachable"
      // boundary takes the
      // agent out and puts the task back; a failed job would only end in an incident
      events.emit(runId, new Happened.Unreachable(taskId, agent, e.getMessage()));
      throw CamundaError.bpmnError(ErrorCodes.AGENT_UNREACHABLE, e.getMessage());
    }
    events.emit(
        runId,
        interrupted(
            taskId,
            agent,
            why(cause, silentPolls, stuckPolls),
            result,
            seen.lastLines(SCREEN_LINES)));
    silence.reset(taskId);
    String description = board.row(taskId).map(r -> r.task()).orElse(taskId);
    try {
      prompter.send(runId, taskId, description, agent, PromptKind.TASK, Map.of(), job.getKey());
    } catch (AgentUnreachableException e) {
      throw UnreachableAgent.error(events, runId, taskId, agent, e, Map.of());
    }
  }

  static String why(String cause, Integer silentPolls, Integer stuckPolls) {
    if ("overdue".equals(cause)) {
      return "task held past its time limit (taskTimeout)";
    }
    if (stuckPolls != null && stuckPolls > 0) {
      return "busy with no change on its screen or the board for " + stuckPolls + " poll(s)";
    }
    return "silent for " + (silentPolls == null ? 0 : silentPolls) + " poll(s)";
  }

  /**
   * The interrupt as an event: why, which keys were sent, and the screen as it was before (blank
   * ends trimmed).
   */
  static Happened.Interrupted interrupted(
      String taskId, String agent, String why, InterruptResult result, List<String> screen) {
    return new Happened.Interrupted(
        taskId, agent, why, result.escapeSent(), result.ctrlCSent(), trimBlank(screen));
  }

  private static List<String> trimBlank(List<String> lines) {
    int from = 0;
    int to = lines.size();
    while (from < to && lines.get(from).isBlank()) {
      from++;
    }
    while (to > from && lines.get(to - 1).isBlank()) {
      to--;
    }
    return lines.subList(from, to);
  }
}
