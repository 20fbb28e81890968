package dev.baton.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.agents.AgentPool;
import dev.baton.board.Board;
import dev.baton.board.BoardStore;
import dev.baton.board.TaskBoard;
import dev.baton.board.TaskId;
import dev.baton.board.TaskStatus;
import dev.baton.run.JournalEntry;
import dev.baton.run.Phase;
import dev.baton.run.RunEvents;
import dev.baton.run.RunJournal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task belongs to one run. A free-text run's plan is the rows its lead added during its planning
 * step, not every PENDING row numbered after its planning row: other runs' rows, a cancelled run's
 * rows and rows Baton wrote for another run stay theirs.
 */
class PlanOwnershipTest {

  private static final String BOARD =
      """
      # Project memory

      ## Task Assignment Queue
      | ID | Task | Assigned To | Priority | Status | Created |
      |----|------|-------------|----------|--------|---------|
      | T-001 | Planifier / plan: build a calculator | Claude (w1) | MED | COMPLETED | 2026-12-03 run-planning |
      | T-002 | Write the README | | MED | PENDING | 2026-12-03 run-listed |
      | T-003 | Write the CLI | AMP (w2) | HIGH | IN_PROGRESS | 2026-12-03 run-listed |
      | T-004 | Old idea | | LOW | PENDING | 2026-12-02 |
      | T-005 | Freshly written for another run | | MED | PENDING | 2026-12-03 run-unjournaled |
      | T-006 | Add numbers | | HIGH | PENDING | 2026-12-03 |
      | T-007 | Subtract numbers | | MED | PENDING | 2026-12-03 |

      ## Task Completion Log
      | Date | Agent | Task | Status | Note |
      |------|-------|------|--------|------|
      | 2026-12-03 | Claude | T-001 | COMPLETED | 2 tasks |
      """;

  @Test
  void aPlanTakesOnlyTheRowsItsLeadAddedAndNoOtherRunsRows(@TempDir Path dir) throws Exception {
    Team.write(dir.resolve("CLAUDE.md"), BOARD);
    Clock clock = Clock.systemUTC();
    RunJournal journal = new RunJournal(dir, clock);
    journal.begin("run-listed", "- Write the README\n- Write the CLI\n", Map.of());
    journal.tasks("run-listed", List.of("T-002", "T-003"), false, 1);
    journal.begin("run-cancelled", "an old request", Map.of());
    journal.tasks("run-cancelled", List.of("T-004"), true, 0);
    journal.phase("run-cancelled", Phase.CANCELLED);
    journal.begin("run-planning", "build a calculator", Map.of());
    journal.tasks("run-planning", List.of(), true, 0);
    journal.planTask("run-planning", "T-001");

    BoardStore store = new BoardStore(dir.resolve("CLAUDE.md"), clock);
    AgentPool pool =
        new AgentPool(
            List.of("Claude", "AMP"),
            clock,
            a -> true,
            (t, a) -> {},
            Set::copyOf,
            Duration.ofSeconds(1));
    CollectPlanWorker worker =
        new CollectPlanWorker(new TaskBoard(store, "fr"), journal, pool, new RunEvents(clock));

    Map<String, Object> out = worker.collect("run-planning");

    assertThat(out).containsEntry("planReady", true);
    assertThat(out.get("taskIds")).isEqualTo(List.of("T-006", "T-007"));
    JournalEntry planned = journal.get("run-planning").orElseThrow();
    assertThat(planned.taskIds()).containsExactly("T-006", "T-007");
    assertThat(journal.owners())
        .containsEntry("T-002", "run-listed")
        .containsEntry("T-004", "run-cancelled")
        .containsEntry("T-006", "run-planning")
        .containsEntry("T-001", "run-planning");
    Board board = store.read();
    assertThat(TaskBoard.lastNote(board, "T-001")).contains("run-planning owns T-006, T-007");
    assertThat(board.status(TaskId.parse("T-004").orElseThrow())).contains(TaskStatus.PENDING);
  }

  @Test
  void rowsBatonAddsNameTheirRunInTheCreatedCell(@TempDir Path dir) {
    Team.write(dir.resolve("CLAUDE.md"), Team.EMPTY_BOARD);
    TaskBoard board =
        new TaskBoard(new BoardStore(dir.resolve("CLAUDE.md"), Clock.systemUTC()), "en");

    List<String> ids =
        board.add(
            List.of(
                new dev.baton.request.PlannedTask("One", null, List.of(), 1),
                new dev.baton.request.PlannedTask("Two", null, List.of("#1"), 2)),
            "run-20261203-070000-abcd");

    assertThat(ids).containsExactly("T-001", "T-002");
    assertThat(TaskBoard.markedFor(board.read(), "run-20261203-070000-abcd"))
        .extracting(r -> r.id().value())
        .containsExactly("T-001", "T-002");
    assertThat(board.row("T-001").orElseThrow().created())
        .matches("\\d{4}-\\d{2}-\\d{2} run-20261203-070000-abcd");
    assertThat(board.row("T-002").orElseThrow().task()).contains("T-001");
  }
}
