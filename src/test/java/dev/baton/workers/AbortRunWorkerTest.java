package dev.baton.workers;

import static dev.baton.workers.WorkerBench.RUN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.board.TaskStatus;
import dev.baton.run.Happened;
import dev.baton.run.OpenTasks;
import dev.baton.run.RunGate;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that cannot go on, alone: its rows in progress go back to PENDING, finished work stays, the
 * run is closed.
 */
class AbortRunWorkerTest {
  @TempDir Path dir;
  WorkerBench bench;

  @AfterEach
  void close() {
    bench.close();
  }

  @Test
  void rowsInProgressGoBackAndTheRunIsClosedToLateWrites() {
    bench =
        new WorkerBench(
            dir,
            """
        | T-001 | Add numbers | Ada (w1) | MED | COMPLETED | 2026-12-03 run-bench |
        | T-002 | Subtract numbers | Ada (w1) | MED | IN_PROGRESS | 2026-12-03 run-bench |
        | T-003 | Someone else's | Bob (w2) | MED | IN_PROGRESS | 2026-12-03 run-other |
        """,
            "");
    bench.settled(bench.agent("Ada", WorkerBench.IDLE_SCREEN), "shortcuts");
    bench.journal.begin(RUN, "- Add numbers\n- Subtract numbers\n", Map.of());
    bench.journal.tasks(RUN, List.of("T-001", "T-002"), false, 0);
    bench.pool().adopt("T-002", "Ada");
    RunGate gate = new RunGate();
    OpenTasks open =
        new OpenTasks(
            bench.journal, bench.board, bench.pool(), bench.roster(), bench.interrupter(), gate);

    new AbortRunWorker(open, bench.roster(), bench.probe(), bench.events)
        .abort(RUN, "no agent left");

    assertThat(bench.status("T-001")).isEqualTo(TaskStatus.COMPLETED);
    assertThat(bench.status("T-002")).isEqualTo(TaskStatus.PENDING);
    assertThat(bench.status("T-003")).isEqualTo(TaskStatus.IN_PROGRESS);
    assertThat(bench.happened(Happened.RunFailed.class))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.reason()).isEqualTo("no agent left");
              assertThat(f.backToPending()).containsExactly("T-002");
            });
    assertThat(gate.isClosed(RUN)).isTrue();
  }

  /** The agents' tmux server is gone: nothing to stop, the board is still put back. */
  @Test
  void aGoneTmuxServerStillPutsTheRowsBack() {
    bench =
        new WorkerBench(
            dir,
            "| T-002 | Subtract numbers | Ada (w1) | MED | IN_PROGRESS | 2026-12-03 run-bench |",
            "");
    bench.deadAgent("Ada");
    bench.journal.begin(RUN, "- Subtract numbers\n", Map.of());
    bench.journal.tasks(RUN, List.of("T-002"), false, 0);
    bench.tmux().close();
    OpenTasks open =
        new OpenTasks(
            bench.journal,
            bench.board,
            bench.pool(),
            bench.roster(),
            bench.interrupter(),
            new RunGate());

    new AbortRunWorker(open, bench.roster(), bench.probe(), bench.events)
        .abort(RUN, "the agents' tmux server stopped");

    assertThat(bench.status("T-002")).isEqualTo(TaskStatus.PENDING);
  }
}
