package dev.baton.agents;

import java.time.Duration;

/** Waiting, behind an interface so tests can advance a fake clock instead of sleeping. */
@FunctionalInterface
public interface Pause {

  void sleep(Duration duration);

  /** Real sleeping; an interrupt is kept and stops the wait. */
  Pause REAL =
      d -> {
        if (d.isNegative() || d.isZero()) {
          return;
        }
        try {
          Thread.sleep(d);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting", e);
        }
      };
}
