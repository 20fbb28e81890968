package dev.baton.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.agents.AgentPool;
import dev.baton.agents.AgentRoster;
import dev.baton.agents.Interrupter;
import dev.baton.board.Board;
import dev.baton.board.BoardStore;
import dev.baton.board.TaskBoard;
import dev.baton.board.TaskId;
import dev.baton.board.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cancelled run's open rows are closed explicitly, so they read as nobody's work to do and no run
 * takes them.
 */
class CancelledRunRowsTest {

  @Test
  void openRowsOfACancelledRunAreClosedAsBlockedWithTheRunNamed(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("CLAUDE.md");
    Files.writeString(
        file,
        """
        ## Task Assignment Queue
        | ID | Task | Assigned To | Priority | Status | Created |
        |----|------|-------------|----------|--------|---------|
        | T-001 | One | | MED | PENDING | 2026-12-03 run-a |
        | T-002 | Two | AMP (w2) | MED | IN_PROGRESS | 2026-12-03 run-a |
        | T-003 | Three | AMP (w2) | MED | COMPLETED | 2026-12-03 run-a |

        ## Task Completion Log
        | Date | Agent | Task | Status | Note |
        |------|-------|------|--------|------|
        """);
    Clock clock = Clock.systemUTC();
    RunJournal journal = new RunJournal(dir, clock);
    journal.begin("run-a", "- One\n- Two\n- Three\n", Map.of());
    journal.tasks("run-a", List.of("T-001", "T-002", "T-003"), false, 0);
    BoardStore store = new BoardStore(file, clock);
    AgentPool pool =
        new AgentPool(
            List.of("AMP"), clock, a -> true, (t, a) -> {}, Set::copyOf, Duration.ofSeconds(1));

    RunGate gate = new RunGate();
    TaskBoard taskBoard = new TaskBoard(store, "en");
    new OpenTasksCanceller(
            journal,
            new OpenTasks(
                journal,
                taskBoard,
                pool,
                new AgentRoster(List.of()),
                new Interrupter(null, null, null, clock, null),
                gate),
            new RunEvents(clock))
        .cancel("run-a");
    // a "mark in progress" step of the run that comes after the cancel writes nothing
    assertThat(
            gate.whileOpen(
                "run-a",
                () -> {
                  taskBoard.start("T-001", "AMP (w2)");
                  return true;
                }))
        .isEmpty();

    Board board = store.read();
    assertThat(board.status(TaskId.parse("T-001").orElseThrow())).contains(TaskStatus.BLOCKED);
    assertThat(board.status(TaskId.parse("T-002").orElseThrow())).contains(TaskStatus.BLOCKED);
    assertThat(board.status(TaskId.parse("T-003").orElseThrow())).contains(TaskStatus.COMPLETED);
    assertThat(TaskBoard.lastNote(board, "T-001")).contains("cancelled with run run-a");
    assertThat(TaskBoard.lastNote(board, "T-002")).contains("cancelled with run run-a");
  }
}
