package dev.baton.ops;

import dev.baton.run.Phase;
import dev.baton.run.RunEvent;
import dev.baton.run.RunEvents;
import dev.baton.run.RunRegistry;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Micrometer metrics driven by the {@link RunEvents} stream, so workers only emit events and never touch meters.
 *
 * <p>Event kinds read here (the {@code kind} of {@link RunEvent}); every kind also counts in {@code baton.events}:
 *
 * <ul>
 *   <li>{@code phase} — the run entered a phase or ended; the phase is read from {@link RunRegistry}. The time spent
 *       in the previous phase goes to the timer {@code baton.phase.duration{phase}}.
 *   <li>{@code prompted} — a prompt was typed into an agent's pane (taskId, agent): {@code baton.prompts.sent{agent}}.
 *   <li>{@code submit-retry} — extra Enter presses were needed to start an agent; the message starts with their
 *       number: {@code baton.submit.retries{agent}}.
 *   <li>{@code reacted} — an agent's COMPLETED read on the board was followed by its next prompt; the message carries
 *       {@code latencyMs=<n>} (completion read → first key typed): timer {@code baton.reaction.latency} with a
 *       percentile histogram.
 *   <li>{@code test-passed} / {@code test-failed} — one test/debug/fix cycle ended with a verdict:
 *       {@code baton.ralph.cycles}.
 * </ul>
 *
 * <p>{@code baton.tasks{status}} gauges count the board's rows per status (read through {@link BoardView} when it is
 * wired, at most once a second).
 */
@Component
public class RunMetrics {
  static final List<String> STATUSES = List.of("PENDING", "IN_PROGRESS", "COMPLETED", "BLOCKED");
  private static final Pattern LATENCY = Pattern.compile("latencyMs=(\\d+)");
  private static final Pattern LEADING_COUNT = Pattern.compile("(\\d+)");
  private static final Duration BOARD_CACHE = Duration.ofSeconds(1);

  private final MeterRegistry meters;
  private final RunRegistry runs;
  private final ObjectProvider<BoardView> board;
  private final Clock clock;
  private final Timer reactionLatency;
  private final Counter ralphCycles;
  private final Map<String, PhaseStart> phases = new ConcurrentHashMap<>();
  private volatile Map<String, Long> boardCounts = Map.of();
  private volatile Instant boardReadAt = Instant.MIN;

  private record PhaseStart(Phase phase, Instant at) {}

  public RunMetrics(
      MeterRegistry meters, RunEvents events, RunRegistry runs, ObjectProvider<BoardView> board, Clock clock) {
    this.meters = meters;
    this.runs = runs;
    this.board = board;
    this.clock = clock;
    this.reactionLatency =
        Timer.builder("baton.reaction.latency")
            .description("Board change seen until the next prompt is typed")
            .publishPercentileHistogram()
            .register(meters);
    this.ralphCycles = Counter.builder("baton.ralph.cycles").description("Test/debug/fix cycles").register(meters);
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
    switch (e.kind()) {
      case "started" -> phases.put(e.runId(), new PhaseStart(Phase.DECOMPOSE, e.at()));
      case "phase" -> phaseChanged(e);
      case "prompted" -> meters.counter("baton.prompts.sent", "agent", agent(e)).increment();
      case "submit-retry" -> meters.counter("baton.submit.retries", "agent", agent(e)).increment(leadingCount(e));
      case "test-passed", "test-failed" -> ralphCycles.increment();
      case "reacted" -> {
        Matcher m = LATENCY.matcher(e.message() == null ? "" : e.message());
        if (m.find()) {
          reactionLatency.record(Duration.ofMillis(Long.parseLong(m.group(1))));
        }
      }
      default -> {
        // other kinds only count in baton.events
      }
    }
  }

  private void phaseChanged(RunEvent e) {
    Phase now = runs.get(e.runId()).map(r -> r.phase()).orElse(null);
    if (now == null) {
      return;
    }
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

  /** The number a message starts with (1 when it starts with none). */
  private static double leadingCount(RunEvent e) {
    Matcher m = LEADING_COUNT.matcher(e.message() == null ? "" : e.message());
    return m.lookingAt() ? Double.parseDouble(m.group(1)) : 1;
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
