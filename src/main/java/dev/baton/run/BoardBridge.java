package dev.baton.run;

import dev.baton.agents.Reactions;
import dev.baton.board.Board;
import dev.baton.board.BoardListener;
import dev.baton.board.BoardStore;
import dev.baton.board.Repair;
import dev.baton.board.TaskChange;
import dev.baton.board.TaskStatus;
import dev.baton.process.EngineMessages;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns board edits into the model's messages, so the engine reacts to an agent's COMPLETED at once
 * instead of at the next {@code =pollInterval} timer: the method's "a free agent gets the next task
 * immediately".
 */
@Component
public class BoardBridge implements BoardListener {
  private static final Logger LOG = LoggerFactory.getLogger(BoardBridge.class);

  private final EngineMessages messages;
  private final RunRegistry runs;
  private final BoardStore store;
  private final RunEvents events;
  private final Reactions reactions;
  private final java.time.Clock clock;

  public BoardBridge(
      EngineMessages messages,
      RunRegistry runs,
      BoardStore store,
      RunEvents events,
      Reactions reactions,
      java.time.Clock clock) {
    this.messages = messages;
    this.runs = runs;
    this.store = store;
    this.events = events;
    this.reactions = reactions;
    this.clock = clock;
  }

  @Override
  public void taskChanged(TaskChange change) {
    if (change.to() == TaskStatus.COMPLETED) {
      reactions.completed(change.row().assignedTo(), change.taskId().value(), clock.instant());
    }
    if (change.to() == TaskStatus.COMPLETED || change.to() == TaskStatus.BLOCKED) {
      messages.taskStatusChanged(change.taskId().value(), change.to().name());
    }
  }

  /**
   * Agents overwrite each other's edits (each reads, edits and writes the whole file); after every
   * change the store puts back what the log or an earlier read proves was lost, so a completion is
   * never missed.
   */
  @Override
  public void boardChanged(Board board) {
    try {
      List<Repair> repairs = store.reconcile();
      for (Repair repair : repairs) {
        LOG.info("board repaired: {}", repair.describe());
        // a repair of the Progress line concerns no task
        String taskId = repair.taskId() == null ? null : repair.taskId().value();
        runs.all().stream()
            .filter(r -> !r.phase().finished())
            .forEach(
                r -> events.emit(r.runId(), new Happened.BoardRepaired(taskId, repair.describe())));
      }
    } catch (RuntimeException e) {
      LOG.warn("board reconciliation failed: {}", e.getMessage());
    }
    runs.all().stream()
        .filter(r -> r.phase() == Phase.DECOMPOSE)
        .forEach(r -> messages.boardChanged(r.runId()));
  }
}
