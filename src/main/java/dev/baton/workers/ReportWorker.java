package dev.baton.workers;

import dev.baton.board.TaskBoard;
import dev.baton.process.JobTypes;
import dev.baton.report.IsolationReport;
import dev.baton.report.ReportWriter;
import dev.baton.run.Phase;
import dev.baton.run.RunEvents;
import dev.baton.run.RunJournal;
import dev.baton.run.RunProperties;
import dev.baton.run.RunRegistry;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Phase 5: REPORT.md in the workdir, the board's progress at 100 %, and the run marked done. The
 * same step ends a run that cannot go on: with {@code failureReason} set, the report opens with the
 * reason and the run is marked failed.
 */
@Component
public class ReportWorker {
  private final RunJournal journal;
  private final TaskBoard board;
  private final RunEvents events;
  private final RunRegistry runs;
  private final RunProperties props;
  private final Clock clock;
  private final ReportWriter writer = new ReportWriter();
  private final dev.baton.isolation.Merges merges;
  private final IsolationReport isolation;

  public ReportWorker(
      RunJournal journal,
      TaskBoard board,
      RunEvents events,
      RunRegistry runs,
      RunProperties props,
      Clock clock,
      dev.baton.isolation.Merges merges,
      IsolationReport isolation) {
    this.merges = merges;
    this.isolation = isolation;
    this.journal = journal;
    this.board = board;
    this.events = events;
    this.runs = runs;
    this.props = props;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.REPORT)
  public Map<String, Object> report(
      @Variable String runId, @Variable(optional = true) String failureReason) {
    boolean failed = failureReason != null && !failureReason.isBlank();
    if (!failed) {
      board.progress(100);
    }
    var entry = journal.get(runId).orElseThrow();
    String text =
        writer.write(entry, board.read(), events.history(runId), clock.instant(), failureReason)
            + branches(runId);
    Path file = props.workdir().toAbsolutePath().normalize().resolve("REPORT.md");
    try {
      Path tmp = Files.createTempFile(file.getParent(), "REPORT", ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    Phase end = failed ? Phase.FAILED : Phase.DONE;
    journal.phase(runId, end);
    runs.finish(runId, end, file);
    return Map.of("reportPath", file.toString());
  }

  /**
   * Worktree isolation: the branches part; a git failure is said in the report, which is written
   * anyway.
   */
  private String branches(String runId) {
    if (!isolation.active()) {
      return "";
    }
    try {
      // what the test phase left in the integration worktree belongs to the tested tree
      merges.commitIntegration(runId);
      return isolation.section(runId, events.of(runId));
    } catch (RuntimeException e) {
      return "\n## Branches\n\nThe run's branches could not be read: " + e.getMessage() + "\n";
    }
  }
}
