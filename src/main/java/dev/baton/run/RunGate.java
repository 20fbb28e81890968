package dev.baton.run;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Keeps a stopped run's jobs off the board and the panes. When a run fails or is cancelled the
 * engine terminates its steps, but a job already running in a worker thread goes on: a "mark in
 * progress" finishing after the wind-down put its row back to PENDING would leave IN_PROGRESS on
 * the board of a run reported as stopped, and a prompt typed then would hand an agent work nobody
 * follows. Steps that write a task's state or type for a run pass here; the wind-down waits for
 * those under way, then closes the run for good.
 */
@Component
public class RunGate {
  private final ConcurrentHashMap<String, ReadWriteLock> locks = new ConcurrentHashMap<>();
  private final Set<String> closed = ConcurrentHashMap.newKeySet();

  /** Runs {@code step} unless the run was stopped; empty when it was (nothing done). */
  public <T> Optional<T> whileOpen(String runId, Supplier<T> step) {
    var lock = lock(runId).readLock();
    lock.lock();
    try {
      return closed.contains(runId) ? Optional.empty() : Optional.ofNullable(step.get());
    } finally {
      lock.unlock();
    }
  }

  /** Waits for the run's steps under way, closes the run to later ones, then winds it down. */
  public <T> T close(String runId, Supplier<T> windDown) {
    var lock = lock(runId).writeLock();
    lock.lock();
    try {
      closed.add(runId);
      return windDown.get();
    } finally {
      lock.unlock();
    }
  }

  public boolean isClosed(String runId) {
    return closed.contains(runId);
  }

  private ReadWriteLock lock(String runId) {
    return locks.computeIfAbsent(runId, id -> new ReentrantReadWriteLock());
  }
}
