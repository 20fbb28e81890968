package dev.baton.workers;

import static dev.baton.workers.WorkerBench.RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.board.TaskStatus;
import dev.baton.run.RunGate;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The row says IN_PROGRESS and who has the task before any prompt is typed; never once the run was
 * stopped.
 */
class UpdateBoardWorkerTest {
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
            dir,
            """
        | T-001 | Add numbers | | MED | PENDING | 2026-12-03 run-bench |
        | T-002 | Subtract numbers | Bob (w9) | MED | COMPLETED | 2026-12-03 run-bench |
        """,
            "");
    bench.deadAgent("Ada");
  }

  @Test
  void theRowSaysInProgressAndTheAgentsCell() {
    new UpdateBoardWorker(bench.board, bench.roster(), new RunGate()).update(RUN, "T-001", "Ada");

    assertThat(bench.status("T-001")).isEqualTo(TaskStatus.IN_PROGRESS);
    assertThat(bench.row("T-001").assignedTo()).isEqualTo("Ada (w1)");
    assertThat(bench.text())
        .contains("| T-001 | Add numbers | Ada (w1) | MED | IN_PROGRESS | 2026-12-03 run-bench |");
  }

  /** Done while Baton was down: a resumed run must not take the work back. */
  @Test
  void aCompletedRowStaysCompleted() {
    new UpdateBoardWorker(bench.board, bench.roster(), new RunGate()).update(RUN, "T-002", "Ada");

    assertThat(bench.status("T-002")).isEqualTo(TaskStatus.COMPLETED);
    assertThat(bench.row("T-002").assignedTo()).isEqualTo("Bob (w9)");
  }

  @Test
  void aStoppedRunWritesNothing() {
    RunGate gate = new RunGate();
    gate.close(RUN, () -> null);
    String before = bench.text();

    new UpdateBoardWorker(bench.board, bench.roster(), gate).update(RUN, "T-001", "Ada");

    assertThat(bench.text()).isEqualTo(before);
  }

  @Test
  void anAgentNotInTheRosterFailsTheJobAndWritesNothing() {
    String before = bench.text();

    assertThatThrownBy(
            () ->
                new UpdateBoardWorker(bench.board, bench.roster(), new RunGate())
                    .update(RUN, "T-001", "Zed"))
        .hasMessageContaining("Zed");
    assertThat(bench.text()).isEqualTo(before);
  }

  @Test
  void aTaskNotOnTheBoardFailsTheJobAndAddsNoRow() {
    String before = bench.text();

    Throwable thrown =
        org.assertj.core.api.Assertions.catchThrowable(
            () ->
                new UpdateBoardWorker(bench.board, bench.roster(), new RunGate())
                    .update(RUN, "T-042", "Ada"));

    assertThat(thrown).as("a missing row").isNotNull().hasMessageContaining("T-042");
    assertThat(bench.text()).isEqualTo(before);
  }

  /**
   * The agent is mid-write: the queue ends in the middle of a row. The update waits rather than
   * writing over it.
   */
  @Test
  void aHalfWrittenBoardIsNotWrittenOver() {
    String whole = bench.text();
    String cut = whole.substring(0, whole.indexOf("| T-002 |") + 14);
    bench.write(cut);

    Throwable thrown =
        org.assertj.core.api.Assertions.catchThrowable(
            () ->
                new UpdateBoardWorker(bench.board, bench.roster(), new RunGate())
                    .update(RUN, "T-001", "Ada"));

    assertThat(thrown).isNotNull();
    assertThat(bench.text()).isEqualTo(cut);
  }
}
