package dev.baton.ops;

import dev.baton.api.BoardSnapshot;
import dev.baton.api.BoardView;
import dev.baton.run.RunProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * "board": the board file can be read (and parsed, when the board reader is wired). An absent board is UP: the
 * first run creates it.
 */
@Component
class BoardHealthIndicator implements HealthIndicator {
  private final RunProperties properties;
  private final ObjectProvider<BoardView> board;

  BoardHealthIndicator(RunProperties properties, ObjectProvider<BoardView> board) {
    this.properties = properties;
    this.board = board;
  }

  @Override
  public Health health() {
    Path file = properties.boardFile();
    if (!Files.exists(file)) {
      return Health.up().withDetail("file", file.toString()).withDetail("state", "absent until the first run").build();
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      return Health.down().withDetail("file", file.toString()).withDetail("reason", "cannot be read").build();
    }
    BoardView view = board.getIfAvailable();
    if (view == null) {
      return Health.up().withDetail("file", file.toString()).build();
    }
    try {
      BoardSnapshot snapshot = view.board();
      return Health.up()
          .withDetail("file", file.toString())
          .withDetail("tasks", snapshot.tasks().size())
          .withDetail("problems", snapshot.problems())
          .build();
    } catch (RuntimeException e) {
      return Health.down().withDetail("file", file.toString()).withDetail("reason", String.valueOf(e.getMessage())).build();
    }
  }
}
