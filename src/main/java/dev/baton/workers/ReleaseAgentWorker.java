package dev.baton.workers;

import dev.baton.agents.AgentPool;
import dev.baton.agents.AgentRoster;
import dev.baton.agents.AgentState;
import dev.baton.agents.Interrupter;
import dev.baton.agents.StateProbe;
import dev.baton.board.BlockKind;
import dev.baton.board.TaskBoard;
import dev.baton.board.TaskStatus;
import dev.baton.process.JobTypes;
import dev.baton.run.Happened;
import dev.baton.run.RunEvents;
import dev.baton.run.RunJournal;
import dev.baton.run.RunProperties;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Frees a task's agent; the model says why in {@code reason}. Done: the agent serves the next
 * waiting task as soon as its screen is idle. Reassign: the task goes back to PENDING and never
 * returns to that agent, and an agent still busy on the task is interrupted first, so two agents
 * never work on it at once; a usage limit only rests the agent until its reset, after which the
 * task, if still waiting, may come back to it. Unreachable: the agent is set aside for the model's
 * {@code rest} (one poll interval as shipped), then may take work again, this task too: a pane that
 * echoed a prompt too slowly once is not worth losing for the run, and in a team of one it is the
 * only agent there is. Guard (too many prompts): the task leaves the run, BLOCKED with the reason,
 * and its agent, stopped if still busy, goes back to the pool. Dependency gone: the task leaves the
 * run, BLOCKED with a note naming the missing task.
 */
@Component
public class ReleaseAgentWorker {
  private static final Logger LOG = LoggerFactory.getLogger(ReleaseAgentWorker.class);

  private final AgentPool pool;
  private final TaskBoard board;
  private final RunJournal journal;
  private final RunEvents events;
  private final RunProperties props;
  private final AgentRoster roster;
  private final Interrupter interrupter;
  private final StateProbe probe;

  public ReleaseAgentWorker(
      AgentPool pool,
      TaskBoard board,
      RunJournal journal,
      RunEvents events,
      RunProperties props,
      AgentRoster roster,
      Interrupter interrupter,
      StateProbe probe) {
    this.probe = probe;
    this.pool = pool;
    this.board = board;
    this.journal = journal;
    this.events = events;
    this.props = props;
    this.roster = roster;
    this.interrupter = interrupter;
  }

  @JobWorker(type = JobTypes.RELEASE_AGENT)
  public void release(
      @Variable String runId,
      @Variable String taskId,
      @Variable(optional = true) String agent,
      @Variable String reason,
      @Variable(optional = true) String blockKind,
      @Variable(optional = true) String missingDependency,
      @Variable(optional = true) String guardReason,
      @Variable(optional = true) String resetsAt,
      @Variable(optional = true) String rest) {
    if ("dependency-gone".equals(reason)) {
      dropForMissingDependency(runId, taskId, agent, missingDependency);
      return;
    }
    if ("guard".equals(reason)) {
      giveUp(runId, taskId, agent, guardReason);
      return;
    }
    if (agent == null) {
      pool.forget(taskId);
      return;
    }
    switch (reason) {
      case "done" -> {
        pool.release(taskId, agent);
        updateProgress(runId);
      }
      case "unreachable" -> {
        if (paneGone(agent)) {
          // a prompt that failed on a dead pane: the agent is gone, not merely slow to answer
          pool.remove(agent, "pane gone");
          events.emit(runId, new Happened.AgentGone(taskId, agent, null, null));
        } else {
          pool.coolDown(agent, rest(rest), "did not take a prompt");
        }
        board.putBack(taskId);
        events.emit(runId, new Happened.Reassigned(taskId, agent, "unreachable"));
      }
      default -> {
        if (BlockKind.CREDITS.word().equals(blockKind)) {
          pool.coolDown(agent, props.cooldown(), instant(resetsAt), "usage limit");
        } else if (BlockKind.AGENT_GONE.word().equals(blockKind)) {
          pool.remove(agent, "pane gone");
          events.emit(runId, new Happened.AgentGone(taskId, agent, null, null));
        } else {
          stopIfBusy(runId, taskId, agent);
          pool.reassign(taskId, agent);
        }
        board.putBack(taskId);
        events.emit(runId, new Happened.Reassigned(taskId, agent, blockKind));
      }
    }
  }

  /**
   * The model's {@code rest} input; a model without it rests the agent one configured poll
   * interval.
   */
  private Duration rest(String rest) {
    if (rest == null || rest.isBlank()) {
      return props.pollInterval();
    }
    try {
      Duration d = Duration.parse(rest.strip());
      if (d.isNegative()) {
        throw new IllegalArgumentException(
            "input 'rest' of the release step must not be negative, got " + rest);
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "input 'rest' of the release step is not a duration such as PT80S: '" + rest + "'", e);
    }
  }

  private boolean paneGone(String agent) {
    return roster
        .byName(agent)
        .map(
            who -> {
              try {
                AgentState state = probe.state(who);
                return state == AgentState.DEAD || state == AgentState.EXITED;
              } catch (RuntimeException e) {
                return false;
              }
            })
        .orElse(false);
  }

  /**
   * When the screen said when a usage limit resets; null (then the configured cooldown) when it did
   * not.
   */
  private static java.time.Instant instant(String resetsAt) {
    if (resetsAt == null || resetsAt.isBlank()) {
      return null;
    }
    try {
      return java.time.Instant.parse(resetsAt);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  /** An agent still working on a task it no longer holds would write over its next holder's row. */
  private void stopIfBusy(String runId, String taskId, String agent) {
    roster
        .byName(agent)
        .ifPresent(
            who -> {
              try {
                interrupter.interrupt(who);
              } catch (RuntimeException e) {
                LOG.warn(
                    "run={} task={} could not interrupt {}: {}",
                    runId,
                    taskId,
                    agent,
                    e.getMessage());
              }
            });
  }

  /**
   * The board is the user's view: the row says BLOCKED and the log line says why the task was given
   * up.
   */
  private void giveUp(String runId, String taskId, String agent, String guardReason) {
    String why = guardReason == null ? "too many prompts" : guardReason;
    if (agent != null) {
      stopIfBusy(runId, taskId, agent);
      pool.release(taskId, agent);
    }
    pool.forget(taskId);
    board.block(taskId, "given up: " + why);
    events.emit(runId, new Happened.GivenUp(taskId, agent, why));
  }

  private void dropForMissingDependency(String runId, String taskId, String agent, String missing) {
    String what = missing == null ? "a task it waits for" : missing;
    pool.forget(taskId);
    if (agent != null) {
      pool.release(taskId, agent);
    }
    board.block(
        taskId, "dependency-gone: " + what + " is no longer on the board; the task left the run");
    events.emit(runId, new Happened.DependencyGone(taskId, agent, missing));
  }

  private void updateProgress(String runId) {
    journal
        .get(runId)
        .ifPresent(
            entry -> {
              var now = board.read();
              long total = entry.taskIds().size() + entry.testTasks().size();
              long done =
                  entry.taskIds().stream()
                      .filter(
                          id ->
                              now.status(TaskBoard.id(id))
                                  .map(s -> s == TaskStatus.COMPLETED)
                                  .orElse(false))
                      .count();
              if (total > 0) {
                board.progress((int) Math.min(99, (done * 100) / total));
              }
            });
  }
}
