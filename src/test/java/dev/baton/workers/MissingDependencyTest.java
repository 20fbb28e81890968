package dev.baton.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.board.Board;
import dev.baton.board.BoardStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MissingDependencyTest {

  @Test
  void aDependencyBlockNamingATaskNoLongerOnTheBoardNamesItAndOneOnTheBoardDoesNot(
      @TempDir Path dir) throws Exception {
    Path file = dir.resolve("CLAUDE.md");
    Files.writeString(
        file,
        Team.EMPTY_BOARD.replace(
            "|----|------|-------------|----------|--------|---------|\n",
            "|----|------|-------------|----------|--------|---------|\n"
                + "| T-001 | Schema | A (w1) | HIGH | IN_PROGRESS | 2026-12-01 |\n"
                + "| T-002 | Migration | B (w2) | MED | BLOCKED | 2026-12-01 |\n"));
    Board board = new BoardStore(file, Clock.systemUTC()).read();

    assertThat(CheckStatusWorker.missingTask(board, "waiting for T-001 (schema)")).isNull();
    assertThat(CheckStatusWorker.missingTask(board, "bloqué par T-001 et T-007"))
        .isEqualTo("T-007");
    assertThat(CheckStatusWorker.missingTask(board, "waiting for the schema")).isNull();
  }
}
