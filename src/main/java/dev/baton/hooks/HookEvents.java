package dev.baton.hooks;

import dev.baton.agents.Agent;
import dev.baton.agents.AgentPool;
import dev.baton.agents.AgentRoster;
import dev.baton.process.EngineMessages;
import dev.baton.run.RunProperties;
import dev.baton.tmux.TmuxClient;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Looks for hook events twice a second while Baton runs and wakes the poll of the task each ringing
 * agent holds. Costs one directory listing per look when no hook was installed.
 */
@Component
public class HookEvents implements SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(HookEvents.class);

  private final ObjectProvider<AgentPool> pool;
  private final ObjectProvider<EngineMessages> messages;
  private final ObjectProvider<RunProperties> props;
  private final ObjectProvider<AgentRoster> roster;
  private final ObjectProvider<TmuxClient> tmux;
  private ScheduledExecutorService timer;

  public HookEvents(
      ObjectProvider<AgentPool> pool,
      ObjectProvider<EngineMessages> messages,
      ObjectProvider<RunProperties> props,
      ObjectProvider<AgentRoster> roster,
      ObjectProvider<TmuxClient> tmux) {
    this.pool = pool;
    this.messages = messages;
    this.props = props;
    this.roster = roster;
    this.tmux = tmux;
  }

  /**
   * The agent whose window holds a pane, from tmux's pane ids of the roster's windows; read again
   * when an unknown pane rings (a window restarted), at most once per look.
   */
  private Function<String, Optional<String>> paneOwners() {
    AgentRoster agents = roster.getIfAvailable();
    TmuxClient client = tmux.getIfAvailable();
    if (agents == null || client == null) {
      return pane -> Optional.empty();
    }
    Map<String, String> owners = new ConcurrentHashMap<>();
    return pane -> {
      if (!owners.containsKey(pane)) {
        for (Agent a : agents.all()) {
          try {
            owners.put(client.paneInfo(a.target()).paneId(), a.name());
          } catch (RuntimeException e) {
            // a window that is gone owns no pane
          }
        }
      }
      return Optional.ofNullable(owners.get(pane));
    };
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
            },
            paneOwners());
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
        500,
        500,
        TimeUnit.MILLISECONDS);
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
