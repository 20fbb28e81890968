package dev.baton.process;

import dev.baton.agents.AgentPool;
import dev.baton.agents.AgentRoster;
import dev.baton.agents.StateProbe;
import dev.baton.run.PoolKeeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Notices agents whose turn ended without their row saying so. Agents overwrite each other's board
 * edits, and a COMPLETED written at the same moment as another agent's write can vanish with its
 * log line; the agent then sits idle while the board says IN_PROGRESS. Waiting for two 80 s polls
 * would cost minutes, so once an agent's screen has been idle for {@code grace} while it holds a
 * task, its task's poll is woken through the model's own catch event "Agent went idle" (message
 * {@code agent-idle}) every {@code grace}. The model counts these nudges apart from the silent
 * polls ({@code idleNudges} against {@code idleNudgeLimit}), so its inactivity rule (interrupt and
 * re-prompt, then reassign) applies within seconds without changing what {@code inactivePolls}
 * means.
 */
public final class IdleNudge {
  private final AgentPool pool;
  private final AgentRoster roster;
  private final StateProbe probe;
  private final EngineMessages messages;
  private final Clock clock;
  private final Duration grace;
  private final Map<Holding, Instant> idleSince = new HashMap<>();
  private final Map<Holding, Instant> lastNudge = new HashMap<>();

  /** An agent working on a task; a new task for the same agent starts its idle time afresh. */
  private record Holding(String agent, String taskId) {}

  public IdleNudge(
      AgentPool pool,
      AgentRoster roster,
      StateProbe probe,
      EngineMessages messages,
      Clock clock,
      Duration grace) {
    this.pool = pool;
    this.roster = roster;
    this.probe = probe;
    this.messages = messages;
    this.clock = clock;
    this.grace = grace;
  }

  /** One look at every agent that holds a task; called periodically by {@link PoolKeeper}. */
  public synchronized void check() {
    Instant now = clock.instant();
    Set<Holding> working =
        pool.slots().stream()
            .filter(s -> s.availability() == AgentPool.Availability.BUSY && s.taskId() != null)
            .map(s -> new Holding(s.agent(), s.taskId()))
            .collect(Collectors.toSet());
    idleSince.keySet().retainAll(working);
    lastNudge.keySet().retainAll(working);
    for (Holding key : working) {
      boolean idle = roster.byName(key.agent()).map(a -> probe.state(a).isIdle()).orElse(false);
      if (!idle) {
        idleSince.remove(key);
        continue;
      }
      Instant since = idleSince.computeIfAbsent(key, k -> now);
      Instant last = lastNudge.getOrDefault(key, since);
      if (Duration.between(since, now).compareTo(grace) >= 0
          && Duration.between(last, now).compareTo(grace) >= 0) {
        lastNudge.put(key, now);
        messages.agentIdle(key.taskId());
      }
    }
  }
}
