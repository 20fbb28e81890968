package dev.baton.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.run.Happened;
import dev.baton.run.Phase;
import dev.baton.run.RunEvents;
import dev.baton.views.BoardSnapshot;
import dev.baton.views.BoardView;
import dev.baton.views.TaskRow;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
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
  private final DefaultListableBeanFactory beans = new DefaultListableBeanFactory();

  private RunMetrics metrics() {
    return new RunMetrics(meters, events, beans.getBeanProvider(BoardView.class), clock);
  }

  @Test
  void countersAndLatencyFollowTheEventsFields() {
    metrics();
    events.emit(
        "r", new Happened.PromptSubmitted("T-001", "AMP", "task", Duration.ofMillis(40), 1));
    events.emit(
        "r", new Happened.PromptSubmitted("T-002", "AMP", "task", Duration.ofMillis(90), 3));
    events.emit("r", new Happened.SubmitRetried("T-002", "AMP", 2));
    // 180.4 ms: the sentence shows whole milliseconds, the timer gets the field, so reading the
    // text would lose .4
    events.emit("r", new Happened.Reacted("T-003", "AMP", "T-001", Duration.ofNanos(180_400_000)));
    events.emit("r", new Happened.TestVerdict("T-004", "AMP", "T-001", false, 1));
    events.emit("r", new Happened.TestVerdict("T-004", "AMP", "T-001", true, 2));
    assertThat(meters.counter("baton.prompts.sent", "agent", "AMP").count()).isEqualTo(2);
    assertThat(meters.counter("baton.submit.retries", "agent", "AMP").count()).isEqualTo(2);
    assertThat(meters.counter("baton.ralph.cycles").count()).isEqualTo(2);
    assertThat(meters.counter("baton.events", "kind", "reacted").count()).isEqualTo(1);
    assertThat(meters.counter("baton.events", "kind", "test-failed").count()).isEqualTo(1);
    var latency = meters.timer("baton.reaction.latency");
    assertThat(latency.count()).isEqualTo(1);
    assertThat(latency.totalTime(TimeUnit.MICROSECONDS)).isEqualTo(180_400);
  }

  @Test
  void phaseDurationsAreMeasuredFromThePhaseTheEventCarries() {
    // no run registry here: the phase is the event's field, not a lookup of the run's current state
    metrics();
    events.emit("r", new Happened.RunStarted(7));
    clock.now = clock.now.plusSeconds(10);
    events.emit("r", new Happened.PhaseChanged(Phase.DISTRIBUTE));
    clock.now = clock.now.plusSeconds(30);
    events.emit("r", new Happened.PhaseChanged(Phase.DONE));
    assertThat(
            meters.timer("baton.phase.duration", "phase", "DECOMPOSE").totalTime(TimeUnit.SECONDS))
        .isEqualTo(10);
    assertThat(
            meters.timer("baton.phase.duration", "phase", "DISTRIBUTE").totalTime(TimeUnit.SECONDS))
        .isEqualTo(30);
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
    new RunMetrics(withBoard, events, beans.getBeanProvider(BoardView.class), clock);
    assertThat(withBoard.get("baton.tasks").tag("status", "COMPLETED").gauge().value())
        .isEqualTo(2);
    assertThat(withBoard.get("baton.tasks").tag("status", "PENDING").gauge().value()).isEqualTo(1);
    assertThat(withBoard.get("baton.tasks").tag("status", "BLOCKED").gauge().value()).isZero();
  }
}
