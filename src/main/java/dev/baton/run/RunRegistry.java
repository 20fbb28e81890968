package dev.baton.run;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;

/**
 * The runs this Baton knows, by run id. The embedded engine offers no search queries, so where a
 * run stands is pushed here by the model's phase listeners (each phase's sub-process starts a
 * {@code baton.phase} listener), not read back from the engine.
 */
@Component
public class RunRegistry {
  private final Clock clock;
  private final RunEvents events;
  private final RunJournal journal;
  private final Map<String, RunSnapshot> runs = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<RunSnapshot>> endings = new ConcurrentHashMap<>();

  public RunRegistry(Clock clock, RunEvents events, RunJournal journal) {
    this.clock = clock;
    this.events = events;
    this.journal = journal;
  }

  public RunSnapshot register(String runId, String request) {
    RunSnapshot run =
        new RunSnapshot(runId, -1, request, Phase.DECOMPOSE, clock.instant(), null, null);
    runs.put(runId, run);
    endings.put(runId, new CompletableFuture<>());
    return run;
  }

  /**
   * Registers the run unless this Baton already carries it: the one check that keeps a resume and a
   * new request (or two resumes) from starting two instances of the same run.
   *
   * @return false when the run was already known here
   */
  public synchronized boolean claim(String runId, String request) {
    if (runs.containsKey(runId)) {
      return false;
    }
    register(runId, request);
    return true;
  }

  public void started(String runId, long processInstanceKey) {
    runs.computeIfPresent(runId, (id, r) -> r.withKey(processInstanceKey));
  }

  /**
   * Records the phase the model says this run entered; announces it once when it changes. Phases
   * only move forward: while some tasks are still being distributed others are polled, and the run
   * is then in "poll & redistribute".
   */
  public void phase(String runId, Phase phase) {
    AtomicBoolean moved = new AtomicBoolean();
    runs.computeIfPresent(
        runId,
        (id, r) -> {
          if (r.phase().ordinal() >= phase.ordinal() || r.phase().finished()) {
            return r;
          }
          moved.set(true);
          return r.withPhase(phase);
        });
    if (!moved.get()) {
      return;
    }
    journal.phase(runId, phase);
    events.emit(runId, new Happened.PhaseChanged(phase));
  }

  public void finish(String runId, Phase end, Path report) {
    RunSnapshot done =
        runs.computeIfPresent(runId, (id, r) -> r.finished(end, clock.instant(), report));
    if (done != null) {
      journal.phase(runId, end);
      events.emit(runId, new Happened.PhaseChanged(end));
      endings.get(runId).complete(done);
    }
  }

  public Optional<RunSnapshot> get(String runId) {
    return Optional.ofNullable(runs.get(runId));
  }

  public Collection<RunSnapshot> all() {
    return runs.values();
  }

  /** Blocks until the run reaches an end, or the timeout passes. */
  public RunSnapshot awaitEnd(String runId, Duration timeout) throws TimeoutException {
    CompletableFuture<RunSnapshot> ending = endings.get(runId);
    if (ending == null) {
      throw new IllegalArgumentException("unknown run " + runId);
    }
    try {
      return ending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TimeoutException("interrupted while waiting for run " + runId);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }
}
