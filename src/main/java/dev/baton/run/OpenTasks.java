package dev.baton.run;

import dev.baton.agents.AgentPool;
import dev.baton.agents.AgentRoster;
import dev.baton.agents.Interrupter;
import dev.baton.board.Board;
import dev.baton.board.TaskBoard;
import dev.baton.board.TaskStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Winds a run's tasks down when the run stops before its end (cancelled, stalled, its agents' tmux
 * gone): the agents holding them are interrupted politely (Escape first) and the pool forgets them;
 * a failed run's rows in progress go back to PENDING, a cancelled run's open rows are closed, so
 * the board is consistent for the next run.
 */
@Component
public class OpenTasks {
  private static final Logger LOG = LoggerFactory.getLogger(OpenTasks.class);

  private final RunJournal journal;
  private final TaskBoard board;
  private final AgentPool pool;
  private final AgentRoster roster;
  private final Interrupter interrupter;
  private final RunGate gate;

  public OpenTasks(
      RunJournal journal,
      TaskBoard board,
      AgentPool pool,
      AgentRoster roster,
      Interrupter interrupter,
      RunGate gate) {
    this.gate = gate;
    this.journal = journal;
    this.board = board;
    this.pool = pool;
    this.roster = roster;
    this.interrupter = interrupter;
  }

  /** Every task id of the run: its tasks, its test tasks and its planning task. */
  public Set<String> of(String runId) {
    Set<String> ids = new LinkedHashSet<>();
    journal
        .get(runId)
        .ifPresent(
            entry -> {
              ids.addAll(entry.taskIds());
              entry.testTasks().forEach(t -> ids.add(t.testId()));
              if (entry.planTaskId() != null) {
                ids.add(entry.planTaskId());
              }
            });
    return ids;
  }

  /**
   * @param agentsReachable false when the agents' tmux is gone: nobody is interrupted, and every
   *     agent leaves the pool (its pane went with the server)
   * @return the tasks put back to PENDING
   */
  public List<String> putBack(String runId, boolean agentsReachable) {
    return gate.close(
        runId,
        () ->
            windDown(
                runId,
                agentsReachable,
                status -> status == TaskStatus.IN_PROGRESS,
                board::putBack));
  }

  /**
   * Closes a cancelled run's open rows (PENDING or IN_PROGRESS) as BLOCKED with the note "cancelled
   * with run R": a PENDING row would read as work still to do, and no later run may take another
   * run's task.
   *
   * @return the tasks closed
   */
  public List<String> close(String runId) {
    return gate.close(
        runId,
        () ->
            windDown(
                runId,
                true,
                status -> !status.isFinal(),
                id -> board.block(id, "cancelled with run " + runId)));
  }

  private List<String> windDown(
      String runId,
      boolean agentsReachable,
      Predicate<TaskStatus> affected,
      Consumer<String> action) {
    if (journal.get(runId).isEmpty()) {
      return List.of();
    }
    Board now = board.read();
    List<String> done = new ArrayList<>();
    if (!agentsReachable) {
      // first, so that freeing an agent does not try to read its pane
      roster.all().forEach(a -> pool.remove(a.name(), "tmux server gone"));
    }
    for (String id : of(runId)) {
      pool.agentOf(id)
          .flatMap(roster::byName)
          .ifPresent(
              agent -> {
                if (agentsReachable) {
                  try {
                    interrupter.interrupt(agent);
                  } catch (RuntimeException e) {
                    LOG.warn(
                        "run={} task={} could not interrupt {}: {}",
                        runId,
                        id,
                        agent.name(),
                        e.getMessage());
                  }
                }
                pool.release(id, agent.name());
              });
      pool.forget(id);
      if (now.status(TaskBoard.id(id)).map(affected::test).orElse(false)) {
        action.accept(id);
        done.add(id);
      }
    }
    return done;
  }
}
