package dev.baton.hooks;

import dev.baton.agents.AgentPool;
import dev.baton.process.EngineMessages;
import dev.baton.run.RunProperties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Looks for hook events twice a second while Baton runs and wakes the poll of the task each ringing agent holds.
 * Costs one directory listing per look when no hook was installed.
 */
@Component
public class HookEvents implements SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(HookEvents.class);

  private final ObjectProvider<AgentPool> pool;
  private final ObjectProvider<EngineMessages> messages;
  private final ObjectProvider<RunProperties> props;
  private ScheduledExecutorService timer;

  public HookEvents(
      ObjectProvider<AgentPool> pool, ObjectProvider<EngineMessages> messages, ObjectProvider<RunProperties> props) {
    this.pool = pool;
    this.messages = messages;
    this.props = props;
  }

  @Override
  public synchronized void start() {
    AgentPool p = pool.getIfAvailable();
    EngineMessages m = messages.getIfAvailable();
    RunProperties r = props.getIfAvailable();
    if (p == null || m == null || r == null) {
      return;
    }
    HookDoorbell doorbell =
        new HookDoorbell(
            r.workdir(),
            p,
            (task, why) -> {
              LOG.info("{}: looking at {} now", why, task);
              m.taskStatusChanged(task, why);
            });
    doorbell.skipExisting();
    timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread t = new Thread(runnable, "baton-hooks");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            doorbell.check();
          } catch (RuntimeException e) {
            LOG.warn("reading hook events failed: {}", e.getMessage());
          }
        },
        500, 500, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return timer != null;
  }
}
