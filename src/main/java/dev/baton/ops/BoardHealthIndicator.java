package dev.baton.ops;

import dev.baton.run.RunProperties;
import dev.baton.views.BoardSnapshot;
import dev.baton.views.BoardView;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * "board": UP when the board reads clean (or is absent: the first run creates it), OUT_OF_SERVICE
 * with its problems when it reads but cannot be trusted (a row that does not parse, a duplicate id,
 * a file cut short while an agent writes it), DOWN when it cannot be read. The verdict is {@link
 * BoardCheck}'s, the same {@code baton lint} prints.
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
    BoardView view = board.getIfAvailable();
    BoardCheck check =
        BoardCheck.of(
            file,
            () -> {
              if (view == null) {
                return new BoardCheck.Reading(0, java.util.List.of());
              }
              BoardSnapshot snapshot = view.board();
              return new BoardCheck.Reading(snapshot.tasks().size(), snapshot.problems());
            });
    Health.Builder health =
        switch (check.verdict()) {
          case ABSENT -> Health.up().withDetail("state", "absent until the first run");
          case CLEAN -> Health.up().withDetail("tasks", check.tasks());
          case UNSAFE ->
              Health.outOfService()
                  .withDetail("tasks", check.tasks())
                  .withDetail("problems", check.problems());
          case UNREADABLE -> Health.down().withDetail("problems", check.problems());
        };
    return health.withDetail("file", file.toString()).build();
  }
}
