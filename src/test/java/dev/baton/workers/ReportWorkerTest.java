package dev.baton.workers;

import static dev.baton.workers.WorkerBench.RUN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.run.Phase;
import dev.baton.run.RunRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Phase 5 alone: REPORT.md in the workdir, progress 100 % only for a run that ended well, the run's
 * end recorded.
 */
class ReportWorkerTest {
  @TempDir Path dir;
  WorkerBench bench;

  /** Its tmux server, when a test started one, and its simulated agents. */
  @AfterEach
  void close() {
    bench.close();
  }

  RunRegistry runs;

  @BeforeEach
  void board() {
    bench =
        new WorkerBench(
            dir, "| T-001 | Add numbers | Ada (w1) | MED | COMPLETED | 2026-12-03 run-bench |", "");
    bench.journal.begin(RUN, "- Add numbers\n", Map.of());
    bench.journal.tasks(RUN, List.of("T-001"), false, 0);
    runs = new RunRegistry(bench.clock, bench.events, bench.journal);
    runs.register(RUN, "- Add numbers\n");
  }

  private ReportWorker worker() {
    return new ReportWorker(
        bench.journal,
        bench.board,
        bench.events,
        runs,
        bench.props(),
        bench.clock,
        new dev.baton.isolation.Merges(bench.workspaces()),
        new dev.baton.report.IsolationReport(bench.workspaces()));
  }

  @Test
  void aRunThatEndedWellIsReportedDoneAtOneHundredPercent() throws Exception {
    Map<String, Object> out = worker().report(RUN, null);

    Path report = dir.resolve("REPORT.md").toAbsolutePath().normalize();
    assertThat(out).containsEntry("reportPath", report.toString());
    assertThat(Files.readString(report)).contains("T-001");
    assertThat(bench.board.read().progress()).hasValue(100);
    assertThat(bench.journal.get(RUN).orElseThrow().phase()).isEqualTo(Phase.DONE);
    assertThat(runs.get(RUN).orElseThrow().phase()).isEqualTo(Phase.DONE);
  }

  @Test
  void aFailedRunOpensItsReportWithTheReasonAndLeavesTheProgressAlone() throws Exception {
    worker().report(RUN, "the run stalled: nothing moved for 10 min");

    assertThat(Files.readString(dir.resolve("REPORT.md")))
        .contains("the run stalled: nothing moved for 10 min");
    assertThat(bench.board.read().progress()).isEmpty();
    assertThat(bench.journal.get(RUN).orElseThrow().phase()).isEqualTo(Phase.FAILED);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }
}
