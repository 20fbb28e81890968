package dev.baton.cli;

import dev.baton.api.RunDetails;
import dev.baton.run.Phase;
import dev.baton.run.RunEvent;
import dev.baton.run.RunEvents;
import dev.baton.run.RunFingerprint;
import dev.baton.run.RunJournal;
import dev.baton.run.RunLauncher;
import dev.baton.run.RunParameters;
import dev.baton.run.RunProperties;
import dev.baton.run.RunRegistry;
import dev.baton.run.RunSnapshot;
import dev.baton.views.AgentInfo;
import dev.baton.views.AgentsView;
import dev.baton.views.BoardView;
import dev.baton.views.TaskRow;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The path {@code run} and {@code demo} share: start one run in this process, show its progress
 * until it ends, print the report, and turn the outcome into the exit code.
 */
final class ForegroundRun {
  private static final Duration REFRESH = Duration.ofSeconds(1);

  private final ConfigurableApplicationContext context;
  private final PrintWriter out;
  private final boolean ansi;
  private final ZoneId zone;

  ForegroundRun(
      ConfigurableApplicationContext context, PrintWriter out, boolean ansi, ZoneId zone) {
    this.context = context;
    this.out = out;
    this.ansi = ansi;
    this.zone = zone;
  }

  int run(String request, RunOptions overrides, Duration timeout) {
    return run(request, overrides, timeout, false);
  }

  /**
   * @param forceNew start a second run even when the same request is already being carried
   *     (resumed) here
   */
  int run(String request, RunOptions overrides, Duration timeout, boolean forceNew) {
    RunParameters parameters;
    try {
      parameters =
          RunParameters.defaults(context.getBean(RunProperties.class))
              .with(
                  overrides.pollInterval,
                  overrides.inactivePolls,
                  overrides.maxRalphCycles,
                  overrides.submitRetries);
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ExitCodes.USAGE, e.getMessage());
    }
    RunEvents events = context.getBean(RunEvents.class);
    RunRegistry registry = context.getBean(RunRegistry.class);
    ProgressPrinter printer = new ProgressPrinter(out, ansi, zone);
    // One run per foreground process: every event is ours, including the "started" one that
    // precedes the id.
    Consumer<RunEvent> listener = printer::event;
    events.subscribe(listener);
    try {
      RunSnapshot run = forceNew ? null : sameRequest(request, registry);
      if (run != null) {
        out.println(
            "Resuming run "
                + run.runId()
                + " of the same request on this workdir (started "
                + run.startedAt()
                + "); run with --new to start a second run.");
        out.flush();
      } else {
        try {
          run = context.getBean(RunLauncher.class).start(request, parameters);
        } catch (IllegalArgumentException e) {
          throw new CliFailure(ExitCodes.USAGE, e.getMessage());
        }
      }
      Instant deadline = Instant.now().plus(timeout);
      RunSnapshot end = null;
      while (end == null) {
        printer.update(view(registry.get(run.runId()).orElse(run)));
        try {
          end = registry.awaitEnd(run.runId(), REFRESH);
        } catch (TimeoutException e) {
          if (Instant.now().isAfter(deadline)) {
            printer.finish();
            throw new CliFailure(
                ExitCodes.RUN_FAILED,
                "run " + run.runId() + " did not end within " + timeout + " (--timeout)");
          }
        }
      }
      printer.update(view(end));
      printer.finish();
      printReport(end);
      return end.phase() == Phase.DONE ? ExitCodes.OK : ExitCodes.RUN_FAILED;
    } finally {
      events.unsubscribe(listener);
    }
  }

  /**
   * The run Baton resumed at start-up for this very request, if any: typing the same command again
   * after a crash continues that run instead of starting a copy beside it.
   */
  private RunSnapshot sameRequest(String request, RunRegistry registry) {
    String fingerprint = RunFingerprint.of(request);
    RunJournal journal = context.getBean(RunJournal.class);
    // Every run known here at this point was resumed at start-up; one that already reached its end
    // is followed too.
    return registry.all().stream()
        .filter(
            r -> journal.get(r.runId()).map(e -> fingerprint.equals(e.fingerprint())).orElse(false))
        .max(java.util.Comparator.comparing(RunSnapshot::startedAt))
        .orElse(null);
  }

  private void printReport(RunSnapshot end) {
    List<String> notes = new ArrayList<>();
    String report = RunDetails.readReport(end.reportPath(), notes);
    out.println();
    if (report != null) {
      out.println(report.stripTrailing());
      out.println();
      out.println("Report: " + end.reportPath());
    } else {
      notes.forEach(n -> out.println("(" + n + ")"));
    }
    out.println("Run " + end.runId() + " ended: " + end.phase().label());
    out.flush();
  }

  private ProgressView view(RunSnapshot run) {
    List<TaskRow> tasks = null;
    BoardView board = context.getBeanProvider(BoardView.class).getIfAvailable();
    if (board != null) {
      try {
        tasks = board.tasksOf(run.runId());
      } catch (RuntimeException e) {
        tasks = null; // a board mid-write is read again on the next refresh
      }
    }
    AgentsView agents = context.getBeanProvider(AgentsView.class).getIfAvailable();
    List<AgentInfo> roster = agents == null ? List.of() : agents.agents();
    return ProgressView.of(run.runId(), run.phase().label(), tasks, roster);
  }
}
