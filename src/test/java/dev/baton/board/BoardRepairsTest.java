package dev.baton.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The repairs part works on boards and editors alone, with no file: what a read saw and what an
 * agent's stale write erased are enough to know what to put back.
 */
class BoardRepairsTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
  private final BoardCodec codec = new BoardCodec();

  private Board board(String status, String log) {
    return codec.parse(
        """
                ## Task Assignment Queue
                | ID | Task | Assigned To | Priority | Status | Created |
                |----|------|-------------|----------|--------|---------|
                | T-001 | Login page | AMP (w4) | HIGH | %s | 2026-12-03 |

                ## Task Completion Log
                | Date | Agent | Task | Status | Note |
                |------|-------|------|--------|------|
                %s
                """
            .formatted(status, log));
  }

  @Test
  void aCompletionSeenByAReadAndLostToAStaleWriteIsPutBack() {
    BoardRepairs repairs = new BoardRepairs(CLOCK, BoardStoreOptions.defaults());
    repairs.seen(board("COMPLETED", ""), repairs.mark());

    BoardEditor stale = new BoardEditor(board("IN_PROGRESS", ""), CLOCK);
    BoardRepairs.Reconciliation r = repairs.onto(stale, repairs.watched());

    assertThat(r.repairs())
        .extracting(Repair::kind)
        .containsExactly(Repair.Kind.STATUS_RESTORED_FROM_HISTORY);
    assertThat(codec.parse(stale.result()).status(TaskId.parse("T-001").orElseThrow()))
        .contains(TaskStatus.COMPLETED);
  }

  @Test
  void aStatusBatonSetItselfIsNotUndoneByWhatAnOlderReadSaw() {
    BoardRepairs repairs = new BoardRepairs(CLOCK, BoardStoreOptions.defaults());
    long before = repairs.mark();
    Board blocked = board("BLOCKED", "| 2026-12-03 | AMP | T-001 | BLOCKED | needs a key |");
    // Baton puts the task back to PENDING after the BLOCKED, then a read begun before that write
    // reports
    BoardEditor baton = new BoardEditor(blocked, CLOCK);
    baton.setStatus(TaskId.parse("T-001").orElseThrow(), TaskStatus.PENDING);
    repairs.written(baton, blocked, true);
    repairs.seen(blocked, before);

    Board now = codec.parse(baton.result());
    BoardRepairs.Reconciliation r = repairs.onto(new BoardEditor(now, CLOCK), repairs.watched());

    assertThat(r.repairs()).isEmpty();
    assertThat(r.superseded()).isEmpty();
    assertThat(repairs.watched()).hasSize(1);
    assertThat(List.copyOf(repairs.restorable().keySet())).isEmpty();
  }
}
