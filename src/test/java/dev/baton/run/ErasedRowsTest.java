package dev.baton.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.board.BoardStore;
import dev.baton.board.NewTask;
import dev.baton.board.Priority;
import dev.baton.board.TaskBoard;
import dev.baton.board.TaskId;
import dev.baton.board.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows a run added, erased by an agent's stale write while Baton was down, come back from the run's
 * journal.
 */
class ErasedRowsTest {

  private static final String BOARD =
      """
      # Project

      ## Task Assignment Queue
      | ID | Task | Assigned To | Priority | Status | Created |
      |----|------|-------------|----------|--------|---------|
      | T-001 | One | AMP (w2) | MED | COMPLETED | 2026-12-03 run-a |

      ## Task Completion Log
      | Date | Agent | Task | Status | Note |
      |------|-------|------|--------|------|
      | 2026-12-03 | AMP | T-001 | COMPLETED | done |
      """;

  @Test
  void rowsAddedBeforeARestartAndErasedMeanwhileArePutBackByTheRestartedBaton(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("CLAUDE.md");
    Files.writeString(file, BOARD);
    Clock clock = Clock.systemUTC();
    RunJournal journal = new RunJournal(dir, clock);
    journal.begin("run-a", "- One\n", Map.of());
    TaskBoard before =
        new TaskBoard(
            new BoardStore(file, clock),
            "en",
            (runId, rows) ->
                journal.rows(runId, rows.stream().map(JournalEntry.AddedRow::of).toList()));
    List<String> ids =
        before.addAll(
            List.of(
                new NewTask(
                    "Run the tests for T-001 : One", Priority.MED, "AMP (w2)", TaskStatus.PENDING)),
            "run-a");
    assertThat(ids).containsExactly("T-002");
    List<JournalEntry.AddedRow> journaled = journal.get("run-a").orElseThrow().rows();
    assertThat(journaled).extracting(JournalEntry.AddedRow::taskId).containsExactly("T-002");

    // Baton is killed; an agent writes back the copy it read before the test row was added
    Files.writeString(file, BOARD.replace("done |", "done, and a note |"));

    BoardStore restarted = new BoardStore(file, clock);
    restarted.rememberAdded(journaled.stream().flatMap(r -> r.toRow().stream()).toList());
    assertThat(restarted.reconcile()).hasSize(1);

    var board = restarted.read();
    var row = board.task(TaskId.parse("T-002").orElseThrow()).orElseThrow();
    assertThat(row.task()).isEqualTo("Run the tests for T-001 : One");
    assertThat(row.created()).endsWith("run-a");
    assertThat(row.status()).isEqualTo(TaskStatus.PENDING);
    assertThat(Files.readString(file))
        .contains("done, and a note |")
        .contains("| T-001 | One | AMP (w2) | MED | COMPLETED |");
  }
}
