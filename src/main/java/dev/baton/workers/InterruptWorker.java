package dev.baton.workers;

import dev.baton.agents.AgentRoster;
import dev.baton.agents.AgentUnreachableException;
import dev.baton.agents.Interrupter;
import dev.baton.agents.PromptKind;
import dev.baton.agents.StateProbe;
import dev.baton.process.JobTypes;
import dev.baton.run.RunEvents;
import dev.baton.tasks.Prompter;
import dev.baton.tasks.SilenceTracker;
import dev.baton.tasks.TaskBoard;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The method's answer to a silent agent: look at its screen (kept in the run log), interrupt it (Escape, then C-c
 * only if still busy) and give it the prompt again. If it stays silent, the model reassigns the task.
 */
@Component
public class InterruptWorker {
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
  public Map<String, Object> interrupt(
      ActivatedJob job, @Variable String runId, @Variable String taskId, @Variable String agent) {
    var who = roster.require(agent);
    var seen = probe.observe(who);
    events.emit(
        runId,
        taskId,
        agent,
        "interrupted",
        "silent agent interrupted; its screen was:\n" + String.join("\n", seen.lastLines(12)));
    interrupter.interrupt(who);
    silence.reset(taskId);
    String description = board.row(taskId).map(r -> r.task()).orElse(taskId);
    try {
      prompter.send(runId, taskId, description, agent, PromptKind.TASK, Map.of(), job.getKey());
    } catch (AgentUnreachableException e) {
      events.emit(runId, taskId, agent, "unreachable", e.getMessage());
    }
    return Map.of("interrupted", true, "silentPolls", 0);
  }
}
