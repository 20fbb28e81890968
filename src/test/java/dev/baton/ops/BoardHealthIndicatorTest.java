package dev.baton.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.board.Board;
import dev.baton.board.BoardStore;
import dev.baton.run.RunProperties;
import dev.baton.views.BoardSnapshot;
import dev.baton.views.BoardView;
import dev.baton.views.TaskRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The board's health over the real board reader: UP when clean, OUT_OF_SERVICE with problems, DOWN
 * when unreadable.
 */
class BoardHealthIndicatorTest {
  private static final String HEAD =
      "# Board\n\n## Task Assignment Queue\n| ID | Task | Assigned To | Priority | Status | Created |\n"
          + "|----|------|-------------|----------|--------|---------|\n";
  private static final String LOG =
      "\n## Task Completion Log\n| Date | Agent | Task | Status | Note |\n|------|-------|------|--------|------|\n";

  @TempDir Path dir;

  private Health health() {
    RunProperties props =
        new Binder(new MapConfigurationPropertySource(Map.of("baton.workdir", dir.toString())))
            .bindOrCreate("baton", RunProperties.class);
    BoardStore store = new BoardStore(props.boardFile(), Clock.systemUTC());
    BoardView view =
        () -> {
          Board b = store.read();
          List<TaskRow> rows =
              b.tasks().stream()
                  .map(
                      r ->
                          new TaskRow(
                              r.id().value(), r.task(), null, r.status().name(), r.assignedTo()))
                  .toList();
          return new BoardSnapshot(
              b.file().toString(), rows, b.problems().stream().map(Object::toString).toList());
        };
    DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
    beans.registerSingleton("boardView", view);
    return new BoardHealthIndicator(props, beans.getBeanProvider(BoardView.class)).health();
  }

  @Test
  void anAbsentOrCleanBoardIsUp() throws Exception {
    assertThat(health().getStatus()).isEqualTo(Status.UP);
    Files.writeString(
        dir.resolve("CLAUDE.md"), HEAD + "| T-001 | One | | MED | PENDING | 2026-01-27 |\n" + LOG);
    Health clean = health();
    assertThat(clean.getStatus()).isEqualTo(Status.UP);
    assertThat(clean.getDetails()).containsEntry("tasks", 1);
  }

  @Test
  void aBoardCutShortOrWithDuplicateIdsIsOutOfServiceWithItsProblems() throws Exception {
    Path board = dir.resolve("CLAUDE.md");
    Files.writeString(
        board,
        HEAD
            + "| T-001 | One | | MED | PENDING | 2026-01-27 |\n| T-001 | Again | | MED | COMPLETED | 2026-01-27 |\n| T-002 | Cu");
    Health h = health();
    assertThat(h.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    @SuppressWarnings("unchecked")
    List<String> problems = (List<String>) h.getDetails().get("problems");
    assertThat(problems)
        .anyMatch(p -> p.startsWith(board + ":7: task T-001"))
        .anyMatch(p -> p.startsWith(board + ":8: "));
  }

  @Test
  void aBoardThatCannotBeReadIsDown() throws Exception {
    Files.createDirectory(dir.resolve("CLAUDE.md"));
    Health h = health();
    assertThat(h.getStatus()).isEqualTo(Status.DOWN);
    assertThat(h.getDetails().get("problems").toString()).contains("cannot be read");
  }
}
