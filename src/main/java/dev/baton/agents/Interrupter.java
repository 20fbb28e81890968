package dev.baton.agents;

import dev.baton.tmux.Key;
import dev.baton.tmux.TmuxClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops an agent's current work as gently as possible: Escape first; C-c only if the agent is still
 * busy after {@code escapeGrace}; and never two C-c to one pane within {@code ctrlCGap} (two quick
 * ones exit Claude Code), waiting out the gap if needed. Sends nothing to an agent that is not busy
 * or that shows a dialog (Escape there can quit the CLI).
 */
public final class Interrupter {

  private static final Duration POLL = Duration.ofMillis(100);

  private final TmuxClient tmux;
  private final StateProbe probe;
  private final TmuxProperties settings;
  private final Clock clock;
  private final Pause pause;
  private final Map<String, Instant> lastCtrlC = new ConcurrentHashMap<>();

  public Interrupter(
      TmuxClient tmux, StateProbe probe, TmuxProperties settings, Clock clock, Pause pause) {
    this.tmux = tmux;
    this.probe = probe;
    this.settings = settings;
    this.clock = clock;
    this.pause = pause;
  }

  public InterruptResult interrupt(Agent agent) {
    return tmux.exclusive(agent.target(), () -> doInterrupt(agent));
  }

  private InterruptResult doInterrupt(Agent agent) {
    tmux.exitCopyMode(agent.target());
    AgentState state = probe.state(agent);
    if (state != AgentState.BUSY) {
      return new InterruptResult(false, false, state);
    }
    tmux.sendKey(agent.target(), Key.ESCAPE);
    state = waitWhileBusy(agent);
    if (state != AgentState.BUSY) {
      return new InterruptResult(true, false, state);
    }
    Instant previous = lastCtrlC.get(agent.target());
    if (previous != null) {
      Duration since = Duration.between(previous, clock.instant());
      if (since.compareTo(settings.ctrlCGap()) < 0) {
        pause.sleep(settings.ctrlCGap().minus(since));
        state = probe.state(agent);
        if (state != AgentState.BUSY) {
          return new InterruptResult(true, false, state);
        }
      }
    }
    tmux.sendKey(agent.target(), Key.CTRL_C);
    lastCtrlC.put(agent.target(), clock.instant());
    return new InterruptResult(true, true, waitWhileBusy(agent));
  }

  private AgentState waitWhileBusy(Agent agent) {
    Instant deadline = clock.instant().plus(settings.escapeGrace());
    AgentState state = probe.state(agent);
    while (state == AgentState.BUSY && clock.instant().isBefore(deadline)) {
      pause.sleep(POLL);
      state = probe.state(agent);
    }
    return state;
  }
}
