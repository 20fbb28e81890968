package dev.baton.demo.real;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.demo.real.TaskTurns.Finish;
import dev.baton.demo.real.TaskTurns.Read;
import dev.baton.demo.real.TaskTurns.Replace;
import dev.baton.demo.real.TaskTurns.Step;
import dev.baton.demo.real.TaskTurns.TaskPrompt;
import dev.baton.demo.real.TaskTurns.ToolEvent;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The scripted model's turns, without a CLI: what it asks for next given what its tools returned so
 * far.
 */
class TaskTurnsTest {

  private static final String BOARD =
      """
      ## Task Assignment Queue
      | ID | Task | Assigned To | Priority | Status | Created |
      |----|------|-------------|----------|--------|---------|
      | T-001 | Create the model | Codex (w1) | MED | IN_PROGRESS | 2026-12-03 |

      ## Task Completion Log
      | Date | Agent | Task | Status | Note |
      |------|-------|------|--------|------|
      """;

  private static final TaskPrompt PROMPT =
      new TaskPrompt("T-001", "/w/CLAUDE.md", "Codex", false, false);

  /** Applies steps until the turn ends, returning the board it leaves. */
  private static String play(String board, String blockedNote) {
    String text = board;
    for (int i = 0; i < 10; i++) {
      Step step = TaskTurns.next(PROMPT, Optional.of(text), blockedNote);
      if (step instanceof Finish) {
        return text;
      }
      Replace r = (Replace) step;
      assertThat(text).contains(r.oldText());
      text = text.replace(r.oldText(), r.newText());
    }
    throw new AssertionError("the turn never ended");
  }

  @Test
  void aTurnWithoutTheBoardReadsItFirst() {
    assertThat(TaskTurns.next(PROMPT, Optional.empty())).isEqualTo(new Read("/w/CLAUDE.md"));
  }

  @Test
  void aNormalTurnSetsTheRowThenAddsTheLogRow() {
    Step first = TaskTurns.next(PROMPT, Optional.of(BOARD), null);
    assertThat(((Replace) first).newText()).contains("| COMPLETED |").startsWith("| T-001 |");
    assertThat(play(BOARD, null)).contains("| Codex | T-001 | COMPLETED | done |");
  }

  /** Whoever reads the BLOCKED row must find its reason: the note is written before the status. */
  @Test
  void aBlockedTurnWritesItsNoteBeforeTheStatus() {
    Step first = TaskTurns.next(PROMPT, Optional.of(BOARD), "the build server does not answer");
    assertThat(((Replace) first).newText())
        .contains("| T-001 | BLOCKED | the build server does not answer |");
    assertThat(play(BOARD, "the build server does not answer"))
        .contains("| Codex (w1) | MED | BLOCKED |")
        .contains("| Codex | T-001 | BLOCKED | the build server does not answer |");
  }

  /**
   * After a block, the unblock turn still adds its own COMPLETED log row: the BLOCKED row is not
   * taken for it.
   */
  @Test
  void aTurnAfterABlockAddsItsOwnCompletedRow() {
    String blocked = play(BOARD, "the build server does not answer");
    assertThat(play(blocked, null))
        .contains("| Codex (w1) | MED | COMPLETED |")
        .contains("| Codex | T-001 | BLOCKED |")
        .contains("| Codex | T-001 | COMPLETED | done |");
  }

  @Test
  void shellCommandsNeitherChangeTheKnownBoardNorCountAsFailedEdits() {
    List<ToolEvent> events =
        List.of(
            ToolEvent.read(true, BOARD),
            ToolEvent.shell(false, "sh run-tests.sh", "1 failed"),
            ToolEvent.shell(false, "sh run-tests.sh", "1 failed"),
            ToolEvent.shell(false, "sh run-tests.sh", "1 failed"));
    assertThat(TaskTurns.boardAfter(events)).contains(BOARD);
    assertThat(TaskTurns.givesUp(events)).isFalse();
    assertThat(TaskTurns.ran(events, "sh run-tests.sh")).isTrue();
  }
}
