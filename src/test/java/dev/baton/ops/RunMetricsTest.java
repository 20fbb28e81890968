package dev.baton.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.run.Phase;
import dev.baton.run.RunEvents;
import dev.baton.run.RunRegistry;
import dev.baton.views.BoardSnapshot;
import dev.baton.views.BoardView;
import dev.baton.views.TaskRow;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

class RunMetricsTest {
  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-01-02T10:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final ManualClock clock = new ManualClock();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final RunEvents events = new RunEvents(clock);
  private final RunRegistry registry =
      new RunRegistry(
          clock,
          events,
          new dev.baton.run.RunJournal(
              java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "baton-metrics-test"), clock));
  private final DefaultListableBeanFactory beans = new DefaultListableBeanFactory();

  private RunMetrics metrics() {
    return new RunMetrics(meters, events, registry, beans.getBeanProvider(BoardView.class), clock);
  }

  @Test
  void countersAndLatencyFollowTheEvents() {
    metrics();
    events.emit("r", "T-001", "AMP", "prompted", "sent");
    events.emit("r", "T-002", "AMP", "prompted", "sent");
    events.emit("r", "T-002", "AMP", "submit-retry", "2 extra Enter press(es) before the agent started");
    events.emit("r", "T-001", "AMP", "reacted", "T-001 COMPLETED → T-003 sent latencyMs=180");
    events.emit("r", "T-002", "AMP", "reacted", "no number here");
    events.emit("r", "T-004", "AMP", "test-failed", "tests of T-001 FAILED (Ralph cycle 1)");
    events.emit("r", "T-004", "AMP", "test-passed", "tests of T-001 PASSED (Ralph cycle 2)");
    assertThat(meters.counter("baton.prompts.sent", "agent", "AMP").count()).isEqualTo(2);
    assertThat(meters.counter("baton.submit.retries", "agent", "AMP").count()).isEqualTo(2);
    assertThat(meters.counter("baton.ralph.cycles").count()).isEqualTo(2);
    assertThat(meters.counter("baton.events", "kind", "reacted").count()).isEqualTo(2);
    var latency = meters.timer("baton.reaction.latency");
    assertThat(latency.count()).isEqualTo(1);
    assertThat(latency.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(180);
  }

  @Test
  void phaseDurationsAreMeasuredBetweenPhaseEvents() {
    metrics();
    registry.register("r", "req");
    events.emit("r", null, null, "started", "run started");
    clock.now = clock.now.plusSeconds(10);
    registry.phase("r", Phase.DISTRIBUTE);
    clock.now = clock.now.plusSeconds(30);
    registry.finish("r", Phase.DONE, null);
    assertThat(meters.timer("baton.phase.duration", "phase", "DECOMPOSE").totalTime(TimeUnit.SECONDS)).isEqualTo(10);
    assertThat(meters.timer("baton.phase.duration", "phase", "DISTRIBUTE").totalTime(TimeUnit.SECONDS)).isEqualTo(30);
  }

  @Test
  void taskGaugesCountBoardRowsAndAreNaNWithoutABoard() {
    metrics();
    assertThat(meters.get("baton.tasks").tag("status", "PENDING").gauge().value()).isNaN();

    SimpleMeterRegistry withBoard = new SimpleMeterRegistry();
    beans.registerSingleton(
        "board",
        (BoardView)
            () ->
                new BoardSnapshot(
                    "f",
                    List.of(
                        new TaskRow("T-001", "a", "MED", "COMPLETED", null),
                        new TaskRow("T-002", "b", "MED", "COMPLETED", null),
                        new TaskRow("T-003", "c", "MED", "PENDING", null)),
                    List.of()));
    new RunMetrics(withBoard, events, registry, beans.getBeanProvider(BoardView.class), clock);
    assertThat(withBoard.get("baton.tasks").tag("status", "COMPLETED").gauge().value()).isEqualTo(2);
    assertThat(withBoard.get("baton.tasks").tag("status", "PENDING").gauge().value()).isEqualTo(1);
    assertThat(withBoard.get("baton.tasks").tag("status", "BLOCKED").gauge().value()).isZero();
  }
}
