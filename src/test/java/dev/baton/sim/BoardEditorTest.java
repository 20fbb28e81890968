package dev.baton.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoardEditorTest {

  @TempDir Path dir;
  private final BoardEditor editor = new BoardEditor();
  private static final LocalDate DAY = LocalDate.of(2026, 11, 26);

  @Test
  void readsAgainWhenAnotherAgentWroteBetweenItsReadAndItsWriteSoNeitherEditIsLost()
      throws IOException {
    Path board = dir.resolve("CLAUDE.md");
    Files.writeString(
        board,
        """
        ## Task Assignment Queue
        | ID | Task | Assigned To | Priority | Status | Created |
        |----|------|-------------|----------|--------|---------|
        | T-001 | a | W1 (w1) | LOW | IN_PROGRESS | 2026-11-26 |
        | T-002 | b | W2 (w2) | LOW | IN_PROGRESS | 2026-11-26 |

        ## Task Completion Log
        | Date | Agent | Task | Status | Note |
        |------|-------|------|--------|------|
        """);
    BoardEditor other = new BoardEditor();
    int[] calls = {0};
    BoardEditor slow =
        new BoardEditor(
            () -> {
              if (calls[0]++ == 0) {
                try {
                  other.record(board, "T-002", "COMPLETED", "W2", "b done", DAY);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              }
            },
            () -> {});

    BoardEditor.Outcome o = slow.record(board, "T-001", "COMPLETED", "W1", "a done", DAY);

    assertThat(o.readAgain()).isEqualTo(1);
    String text = Files.readString(board);
    assertThat(text)
        .contains(
            "| T-001 | a | W1 (w1) | LOW | COMPLETED |",
            "| T-002 | b | W2 (w2) | LOW | COMPLETED |")
        .contains("| W2 | T-002 | COMPLETED | b done |", "| W1 | T-001 | COMPLETED | a done |");
  }

  /**
   * Escaped pipes and backslashes in a task's text (as Baton writes them) do not shift the status
   * cell.
   */
  @Test
  void escapedPipesInTheTaskCellLeaveTheOtherCellsInPlace() throws IOException {
    Path board = dir.resolve("CLAUDE.md");
    String row =
        "| T-003 | Keep `backticks` and \\backslashes\\ and \\\\\\| escaped \\| pipes \\\\ |";
    Files.writeString(
        board,
        "## Task Assignment Queue\n| ID | Task | Assigned To | Priority | Status | Created |\n"
            + "|----|------|-------------|----------|--------|---------|\n"
            + row
            + " A3 (w3) | MED | IN_PROGRESS | 2026-12-03 |\n");
    assertThat(editor.record(board, "T-003", "COMPLETED", "A3", "fait", DAY).rowFound()).isTrue();
    assertThat(Files.readString(board))
        .contains(row + " A3 (w3) | MED | COMPLETED | 2026-12-03 |\n");
  }

  @Test
  void flipsOnlyTheQueueRowAndAppendsAfterTheLastLogRow() throws IOException {
    Path board = dir.resolve("CLAUDE.md");
    Files.writeString(
        board,
        """
        # Projet

        ## Task Assignment Queue
        | ID | Task | Assigned To | Priority | Status | Created |
        |----|------|-------------|----------|--------|---------|
        | T-001 | Première | AMP (w4) | LOW | IN_PROGRESS | 2026-01-27 |
        | T-002 | Mentionne T-001 | Codex (w6) | LOW | IN_PROGRESS | 2026-01-27 |

        ## Task Completion Log
        | Date | LLM | Task | Status | Note |
        |------|-----|------|--------|------|
        | 2026-01-27 | AMP | T-001 | BLOCKED | crédits épuisés |

        ## Notes
        garder ceci
        """);
    BoardEditor.Outcome o =
        editor.record(board, "T-001", "COMPLETED", "AMP-2", "fait | vite\nbien", DAY);
    assertThat(o.rowFound()).isTrue();
    assertThat(Files.readString(board))
        .isEqualTo(
            """
        # Projet

        ## Task Assignment Queue
        | ID | Task | Assigned To | Priority | Status | Created |
        |----|------|-------------|----------|--------|---------|
        | T-001 | Première | AMP (w4) | LOW | COMPLETED | 2026-01-27 |
        | T-002 | Mentionne T-001 | Codex (w6) | LOW | IN_PROGRESS | 2026-01-27 |

        ## Task Completion Log
        | Date | LLM | Task | Status | Note |
        |------|-----|------|--------|------|
        | 2026-01-27 | AMP | T-001 | BLOCKED | crédits épuisés |
        | 2026-11-26 | AMP-2 | T-001 | COMPLETED | fait / vite bien |

        ## Notes
        garder ceci
        """);
  }

  @Test
  void aBoardCaughtEmptyMidWriteIsReadAgainInsteadOfBeingReplacedByALogOnlyFile()
      throws IOException {
    Path board = dir.resolve("CLAUDE.md");
    String full =
        "## Task Assignment Queue\n| ID | Status |\n|---|---|\n| T-010 | IN_PROGRESS |\n\n## Notes\nkeep\n";
    Files.writeString(board, "");
    int[] pauses = {0};
    BoardEditor patient =
        new BoardEditor(
            () -> {},
            () -> {
              if (pauses[0]++ == 1) {
                try {
                  Files.writeString(board, full);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              }
            });

    BoardEditor.Outcome o = patient.record(board, "T-010", "COMPLETED", "Sim", "ok", DAY);

    assertThat(o.rowFound()).isTrue();
    assertThat(pauses[0]).isEqualTo(2);
    assertThat(Files.readString(board))
        .startsWith("## Task Assignment Queue\n| ID | Status |\n|---|---|\n| T-010 | COMPLETED |\n")
        .contains("## Notes\nkeep");
  }

  @Test
  void createsTheLogWhenMissingAndReportsAnUnknownTask() throws IOException {
    Path board = dir.resolve("CLAUDE.md");
    Files.writeString(
        board, "## Task Assignment Queue\n| ID | Status |\n|---|---|\n| T-010 | IN_PROGRESS |\n");
    BoardEditor editor = new BoardEditor(() -> {}, () -> {});
    BoardEditor.Outcome o = editor.record(board, "T-099", "BLOCKED", "Sim", "inconnue", DAY);
    assertThat(o.rowFound()).isFalse();
    String text = Files.readString(board);
    assertThat(text).contains("| T-010 | IN_PROGRESS |");
    assertThat(text)
        .endsWith(
            "## Task Completion Log\n| Date | Agent | Task | Status | Note |\n|------|-------|------|--------|------|\n| 2026-11-26 | Sim | T-099 | BLOCKED | inconnue |\n");
  }
}
