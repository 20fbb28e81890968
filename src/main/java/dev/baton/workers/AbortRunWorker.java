package dev.baton.workers;

import dev.baton.agents.AgentRoster;
import dev.baton.agents.StateProbe;
import dev.baton.process.JobTypes;
import dev.baton.run.Happened;
import dev.baton.run.OpenTasks;
import dev.baton.run.RunEvents;
import dev.baton.tmux.TmuxServerNotRunningException;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * First step of a run that cannot go on: its agents stop (when their tmux is still there) and its
 * tasks in progress go back to PENDING, so the board is ready for another run; the report follows.
 */
@Component
public class AbortRunWorker {
  private final OpenTasks open;
  private final AgentRoster roster;
  private final StateProbe probe;
  private final RunEvents events;

  public AbortRunWorker(OpenTasks open, AgentRoster roster, StateProbe probe, RunEvents events) {
    this.open = open;
    this.roster = roster;
    this.probe = probe;
    this.events = events;
  }

  @JobWorker(type = JobTypes.ABORT_RUN)
  public void abort(@Variable String runId, @Variable(optional = true) String failureReason) {
    boolean reachable = tmuxAnswers();
    List<String> back = open.putBack(runId, reachable);
    events.emit(runId, new Happened.RunFailed(failureReason, back));
  }

  /**
   * Whether the agents' tmux server still answers (a dead pane or a missing window still means it
   * does).
   */
  private boolean tmuxAnswers() {
    return roster.all().stream()
        .findFirst()
        .map(
            agent -> {
              try {
                probe.state(agent);
                return true;
              } catch (TmuxServerNotRunningException e) {
                return false;
              } catch (RuntimeException e) {
                return true;
              }
            })
        .orElse(false);
  }
}
