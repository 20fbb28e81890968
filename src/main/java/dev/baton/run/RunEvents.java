package dev.baton.run;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Fan-out of {@link RunEvent}s. Every event becomes one structured log line (run id, task id,
 * agent) and is kept in memory for the report, the API and the live page of its run. A run keeps at
 * most {@code baton.events.history-cap} events: a long run (hundreds of tasks, a silent agent
 * polled all night) must not grow memory without bound, so the oldest are dropped and counted; the
 * log keeps every line. Events are not persisted: the run journal keeps what a resumption needs
 * (prompts, test verdicts) in its own records, so its files do not depend on these types.
 */
@Component
public class RunEvents {
  /**
   * Events kept per run unless configured: a 40-task run with test cycles publishes about a
   * thousand.
   */
  public static final int DEFAULT_HISTORY_CAP = 5000;

  private static final Logger LOG = LoggerFactory.getLogger("dev.baton.transitions");

  private final Clock clock;
  private final int cap;
  private final List<Consumer<RunEvent>> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, Kept> kept = new ConcurrentHashMap<>();

  /**
   * What a run still holds of its events.
   *
   * @param events the newest events, oldest first
   * @param dropped how many older events were let go to stay within the cap
   */
  public record History(List<RunEvent> events, long dropped) {
    public History {
      events = List.copyOf(events);
    }

    /** Events published for the run so far, dropped ones included. */
    public long total() {
      return dropped + events.size();
    }

    /**
     * The events published after the first {@code seen} that are still kept: what a reader who has
     * had {@code seen} events is owed. Counted over every event published, so it stays right while
     * the kept window slides.
     */
    public List<RunEvent> after(long seen) {
      long fresh = total() - Math.max(seen, 0);
      if (fresh <= 0) {
        return List.of();
      }
      return events.subList(events.size() - (int) Math.min(fresh, events.size()), events.size());
    }
  }

  /** The events kept for one run; guarded by its own lock. */
  private static final class Kept {
    private final ArrayDeque<RunEvent> events = new ArrayDeque<>();
    private long dropped;
  }

  public RunEvents(Clock clock) {
    this(clock, DEFAULT_HISTORY_CAP);
  }

  /**
   * @param historyCap events kept per run, the oldest dropped beyond it
   */
  @Autowired
  public RunEvents(
      Clock clock,
      @Value("${baton.events.history-cap:" + DEFAULT_HISTORY_CAP + "}") int historyCap) {
    if (historyCap < 1) {
      throw new IllegalArgumentException(
          "baton.events.history-cap must be at least 1, got " + historyCap);
    }
    this.clock = clock;
    this.cap = historyCap;
  }

  public void subscribe(Consumer<RunEvent> listener) {
    listeners.add(listener);
  }

  public void unsubscribe(Consumer<RunEvent> listener) {
    listeners.remove(listener);
  }

  /** Publishes what happened in a run, stamped now. */
  public RunEvent emit(String runId, Happened what) {
    RunEvent event = new RunEvent(clock.instant(), runId, what);
    Kept run = kept.computeIfAbsent(runId, id -> new Kept());
    synchronized (run) {
      run.events.addLast(event);
      while (run.events.size() > cap) {
        run.events.removeFirst();
        run.dropped++;
      }
    }
    LOG.info(
        "run={} task={} agent={} kind={} {}",
        runId,
        event.taskId() == null ? "-" : event.taskId(),
        event.agent() == null ? "-" : event.agent(),
        event.kind(),
        event.message());
    for (Consumer<RunEvent> listener : listeners) {
      listener.accept(event);
    }
    return event;
  }

  /**
   * The events one run still holds, oldest first (see {@link #history} for how many were dropped).
   */
  public List<RunEvent> of(String runId) {
    return history(runId).events();
  }

  /** The events one run still holds and the count of those dropped to stay within the cap. */
  public History history(String runId) {
    Kept run = kept.get(runId);
    if (run == null) {
      return new History(List.of(), 0);
    }
    synchronized (run) {
      return new History(List.copyOf(run.events), run.dropped);
    }
  }
}
