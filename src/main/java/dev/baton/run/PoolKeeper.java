package dev.baton.run;

import dev.baton.agents.AgentPool;
import dev.baton.board.BoardWatcher;
import dev.baton.process.IdleNudge;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the live parts moving: starts the board watcher (unless {@code baton.watch=false}), lets
 * the pool look at settling agents' screens a few times a second, so an agent freed by its
 * COMPLETED gets its next prompt as soon as its screen is idle, and once a second looks for agents
 * idle on a task ({@link IdleNudge}).
 */
@Component
public class PoolKeeper implements SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(PoolKeeper.class);

  private final AgentPool pool;
  private final IdleNudge nudge;
  private final BoardWatcher watcher;
  private final RunProperties props;
  private ScheduledExecutorService timer;
  private final Map<String, String> lastFailure = new ConcurrentHashMap<>();

  public PoolKeeper(AgentPool pool, IdleNudge nudge, BoardWatcher watcher, RunProperties props) {
    this.pool = pool;
    this.nudge = nudge;
    this.watcher = watcher;
    this.props = props;
  }

  @Override
  public synchronized void start() {
    if (props.watch()) {
      watcher.start();
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "baton-pool");
              t.setDaemon(true);
              return t;
            });
    // an agent that just wrote COMPLETED is still printing its summary; it is freed on the first
    // tick that sees its
    // screen idle, so the tick bounds how long a free agent waits for its next prompt (a tick with
    // nothing to free
    // or serve reads nothing)
    timer.scheduleWithFixedDelay(
        () -> quietly("pool settle", pool::settle), 50, 50, TimeUnit.MILLISECONDS);
    if (!props.idleNudge().isZero()) {
      timer.scheduleWithFixedDelay(
          () -> quietly("idle check", nudge::check), 1, 1, TimeUnit.SECONDS);
    }
  }

  /**
   * Runs one tick's step; a failure is logged and the next tick tries again (a thrown tick would
   * end the timer). The same failure tick after tick (a tmux server that is gone) is logged once,
   * not 20 times a second.
   */
  private void quietly(String what, Runnable step) {
    try {
      step.run();
      lastFailure.remove(what);
    } catch (RuntimeException e) {
      if (!Thread.currentThread().isInterrupted()) {
        String message = String.valueOf(e.getMessage());
        if (!message.equals(lastFailure.put(what, message))) {
          LOG.warn("{} failed: {}", what, message);
        } else {
          LOG.debug("{} failed again: {}", what, message);
        }
      }
    }
  }

  @Override
  public synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
    watcher.stop();
  }

  @Override
  public synchronized boolean isRunning() {
    return timer != null;
  }
}
