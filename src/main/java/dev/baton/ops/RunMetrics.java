package dev.baton.ops;

import dev.baton.run.Happened;
import dev.baton.run.Phase;
import dev.baton.run.RunEvent;
import dev.baton.run.RunEvents;
import dev.baton.views.BoardView;
import dev.baton.views.TaskRow;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Micrometer metrics driven by the {@link RunEvents} stream, so workers only emit events and never
 * touch meters.
 *
 * <p>Events read here, by their fields (never their sentence); every event also counts in {@code
 * baton.events{kind}}:
 *
 * <ul>
 *   <li>{@link Happened.RunStarted} — the run is in its first phase from now on.
 *   <li>{@link Happened.PhaseChanged} — the run entered a phase or ended. The time spent in the
 *       previous phase goes to the timer {@code baton.phase.duration{phase}}.
 *   <li>{@link Happened.PromptSubmitted} — a prompt was typed into an agent's pane: {@code
 *       baton.prompts.sent{agent}}.
 *   <li>{@link Happened.SubmitRetried} — extra Enter presses were needed to start an agent: {@code
 *       baton.submit.retries{agent}} grows by their number.
 *   <li>{@link Happened.Reacted} — an agent's COMPLETED read on the board was followed by its next
 *       prompt after {@code latency} (completion read → first key typed): timer {@code
 *       baton.reaction.latency} with a percentile histogram.
 *   <li>{@link Happened.TestVerdict} — one test/debug/fix cycle ended with a verdict: {@code
 *       baton.ralph.cycles}.
 * </ul>
 *
 * <p>{@code baton.tasks{status}} gauges count the board's rows per status (read through {@link
 * BoardView} when it is wired, at most once a second).
 */
@Component
public class RunMetrics {
  static final List<String> STATUSES = List.of("PENDING", "IN_PROGRESS", "COMPLETED", "BLOCKED");
  private static final Duration BOARD_CACHE = Duration.ofSeconds(1);

  private final MeterRegistry meters;
  private final ObjectProvider<BoardView> board;
  private final Clock clock;
  private final Timer reactionLatency;
  private final Counter ralphCycles;
  private final Map<String, PhaseStart> phases = new ConcurrentHashMap<>();
  private volatile Map<String, Long> boardCounts = Map.of();
  private volatile Instant boardReadAt = Instant.MIN;

  private record PhaseStart(Phase phase, Instant at) {}

  public RunMetrics(
      MeterRegistry meters, RunEvents events, ObjectProvider<BoardView> board, Clock clock) {
    this.meters = meters;
    this.board = board;
    this.clock = clock;
    this.reactionLatency =
        Timer.builder("baton.reaction.latency")
            .description("Board change seen until the next prompt is typed")
            .publishPercentileHistogram()
            .register(meters);
    this.ralphCycles =
        Counter.builder("baton.ralph.cycles").description("Test/debug/fix cycles").register(meters);
    for (String status : STATUSES) {
      Gauge.builder("baton.tasks", () -> taskCount(status))
          .description("Board rows per status")
          .tag("status", status)
          .register(meters);
    }
    events.subscribe(this::record);
  }

  void record(RunEvent e) {
    meters.counter("baton.events", "kind", e.kind()).increment();
    switch (e.what()) {
      case Happened.RunStarted started ->
          phases.put(e.runId(), new PhaseStart(Phase.DECOMPOSE, e.at()));
      case Happened.PhaseChanged changed -> phaseChanged(e, changed.phase());
      case Happened.PromptSubmitted prompt ->
          meters.counter("baton.prompts.sent", "agent", agent(e)).increment();
      case Happened.SubmitRetried retried ->
          meters
              .counter("baton.submit.retries", "agent", agent(e))
              .increment(retried.extraPresses());
      case Happened.TestVerdict verdict -> ralphCycles.increment();
      case Happened.Reacted reacted -> reactionLatency.record(reacted.latency());
      default -> {
        // other kinds only count in baton.events
      }
    }
  }

  private void phaseChanged(RunEvent e, Phase now) {
    PhaseStart before = phases.get(e.runId());
    if (before != null && before.phase() != now) {
      Timer.builder("baton.phase.duration")
          .description("Time a run spent in one phase")
          .tag("phase", before.phase().name())
          .register(meters)
          .record(Duration.between(before.at(), e.at()));
    }
    if (now.finished()) {
      phases.remove(e.runId());
    } else if (before == null || before.phase() != now) {
      phases.put(e.runId(), new PhaseStart(now, e.at()));
    }
  }

  private static String agent(RunEvent e) {
    return e.agent() == null ? "unknown" : e.agent();
  }

  private double taskCount(String status) {
    BoardView view = board.getIfAvailable();
    if (view == null) {
      return Double.NaN;
    }
    Instant now = clock.instant();
    if (Duration.between(boardReadAt, now).compareTo(BOARD_CACHE) >= 0) {
      try {
        Map<String, Long> counts = new ConcurrentHashMap<>();
        for (TaskRow row : view.board().tasks()) {
          counts.merge(String.valueOf(row.status()), 1L, Long::sum);
        }
        boardCounts = counts;
      } catch (RuntimeException e) {
        boardCounts = Map.of(); // unreadable right now: report NaN rather than stale numbers
        boardReadAt = now;
        return Double.NaN;
      }
      boardReadAt = now;
    }
    return boardCounts.getOrDefault(status, 0L);
  }
}
