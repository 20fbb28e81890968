package dev.baton.tasks;

import dev.baton.board.Board;
import dev.baton.board.BoardListener;
import dev.baton.board.TaskChange;
import dev.baton.board.TaskStatus;
import dev.baton.process.EngineMessages;
import dev.baton.run.Phase;
import dev.baton.run.RunRegistry;
import org.springframework.stereotype.Component;

/**
 * Turns board edits into the model's messages, so the engine reacts to an agent's COMPLETED at once instead of at
 * the next {@code =pollInterval} timer: the method's "a free agent gets the next task immediately".
 */
@Component
public class BoardBridge implements BoardListener {
  private final EngineMessages messages;
  private final RunRegistry runs;

  public BoardBridge(EngineMessages messages, RunRegistry runs) {
    this.messages = messages;
    this.runs = runs;
  }

  @Override
  public void taskChanged(TaskChange change) {
    if (change.to() == TaskStatus.COMPLETED || change.to() == TaskStatus.BLOCKED) {
      messages.taskStatusChanged(change.taskId().value(), change.to().name());
    }
  }

  @Override
  public void boardChanged(Board board) {
    runs.all().stream()
        .filter(r -> r.phase() == Phase.DECOMPOSE)
        .forEach(r -> messages.boardChanged(r.runId()));
  }
}
