package dev.baton.workers;

import static dev.baton.workers.WorkerBench.RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.board.TaskStatus;
import dev.baton.request.RequestParser;
import dev.baton.run.Happened;
import io.camunda.client.exception.JobError;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Phase 1 alone: an explicit list becomes this run's PENDING rows, once; free text waits for the
 * lead's plan.
 */
class DecomposeWorkerTest {
  @TempDir Path dir;
  WorkerBench bench;

  /** Its tmux server, when a test started one, and its simulated agents. */
  @AfterEach
  void close() {
    bench.close();
  }

  @BeforeEach
  void board() {
    bench =
        new WorkerBench(
            dir, "| T-007 | Older work | Bob (w2) | MED | COMPLETED | 2026-12-01 |", "");
  }

  private DecomposeWorker worker() {
    return new DecomposeWorker(new RequestParser(), bench.board, bench.journal, bench.events);
  }

  @Test
  void anExplicitListBecomesPendingRowsNumberedAfterTheBoardsLast() {
    bench.journal.begin(RUN, "- Add numbers\n- Subtract numbers\n", Map.of());

    Map<String, Object> out = worker().decompose(RUN, "- Add numbers\n- Subtract numbers\n");

    assertThat(out)
        .containsEntry("taskIds", List.of("T-008", "T-009"))
        .containsEntry("needsPlan", false);
    assertThat(bench.status("T-008")).isEqualTo(TaskStatus.PENDING);
    assertThat(bench.row("T-009").task()).contains("Subtract numbers");
    assertThat(bench.row("T-008").created()).endsWith(RUN);
    assertThat(bench.journal.get(RUN).orElseThrow().taskIds()).containsExactly("T-008", "T-009");
    assertThat(bench.happened(Happened.Decomposed.class))
        .singleElement()
        .satisfies(d -> assertThat(d.source()).isEqualTo(Happened.TaskSource.WRITTEN));
  }

  /**
   * A job delivered twice, or a Baton restarted after the rows were journaled: no second set of
   * rows.
   */
  @Test
  void aSecondDeliveryAddsNoRows() {
    bench.journal.begin(RUN, "- Add numbers\n", Map.of());
    DecomposeWorker decompose = worker();

    decompose.decompose(RUN, "- Add numbers\n");
    String board = bench.text();
    Map<String, Object> again = decompose.decompose(RUN, "- Add numbers\n");

    assertThat(again).containsEntry("taskIds", List.of("T-008"));
    assertThat(bench.text()).isEqualTo(board);
  }

  /**
   * Baton stopped after writing the rows and before journaling them: the rows are found, not
   * written again.
   */
  @Test
  void rowsWrittenButNotJournaledAreFoundOnTheBoard() {
    bench.journal.begin(RUN, "- Add numbers\n", Map.of());
    bench.board.add(
        List.of(new dev.baton.request.PlannedTask("Add numbers", null, List.of(), 1)), RUN);
    String board = bench.text();

    Map<String, Object> out = worker().decompose(RUN, "- Add numbers\n");

    assertThat(out).containsEntry("taskIds", List.of("T-008"));
    assertThat(bench.text()).isEqualTo(board);
    assertThat(bench.happened(Happened.Decomposed.class))
        .singleElement()
        .satisfies(d -> assertThat(d.source()).isEqualTo(Happened.TaskSource.FOUND_ON_BOARD));
  }

  @Test
  void freeTextWaitsForThePlanAndWritesNoRow() {
    bench.journal.begin(RUN, "build a calculator", Map.of());
    String board = bench.text();

    Map<String, Object> out = worker().decompose(RUN, "build a calculator");

    assertThat(out).containsEntry("taskIds", List.of()).containsEntry("needsPlan", true);
    assertThat(bench.text()).isEqualTo(board);
    assertThat(bench.journal.get(RUN).orElseThrow().needsPlan()).isTrue();
  }

  @Test
  void aRequestWhoseTasksWaitForEachOtherIsAJobErrorWithoutRetriesAndWritesNothing() {
    bench.journal.begin(RUN, "", Map.of());
    String board = bench.text();

    JobError error =
        catchThrowableOfType(
            JobError.class,
            () ->
                worker()
                    .decompose(RUN, "- Add numbers (after #2)\n- Subtract numbers (after #1)\n"));

    assertThat(error.getErrorMessage()).startsWith("the request cannot be read");
    assertThat(error.getRetries()).isZero();
    assertThat(bench.journal.get(RUN).orElseThrow().taskIds()).isEmpty();
    assertThat(bench.text()).isEqualTo(board);
  }
}
