package dev.baton.agents;

import dev.baton.tmux.PaneInfo;
import dev.baton.tmux.UnknownTargetException;
import dev.baton.tmux.TmuxClient;
import java.util.Set;

/**
 * Tells what an agent is doing from tmux's pane description and its screen: a dead pane is {@link
 * AgentState#DEAD}; otherwise the screen is classified with the agent's patterns, and an
 * unrecognised screen whose foreground program is a shell counts as {@link AgentState#EXITED}.
 * Unknown targets and a stopped server surface as the tmux exceptions.
 */
public final class StateProbe {

  private static final Set<String> SHELLS = Set.of("bash", "zsh", "sh", "dash", "fish", "ksh", "tcsh", "csh");

  private final TmuxClient tmux;
  private final int captureLines;

  public StateProbe(TmuxClient tmux, int captureLines) {
    this.tmux = tmux;
    this.captureLines = captureLines;
  }

  public AgentState state(Agent agent) {
    return observe(agent).state();
  }

  /**
   * A window that no longer exists is a dead agent: tmux closes an agent's window when its CLI's process dies
   * (unless {@code remain-on-exit} keeps it), and to the pool that is the same fact as a dead pane.
   */
  public Observation observe(Agent agent) {
    PaneInfo pane;
    try {
      pane = tmux.paneInfo(agent.target());
    } catch (UnknownTargetException e) {
      return new Observation(AgentState.DEAD, null, "");
    }
    if (pane.dead()) {
      return new Observation(AgentState.DEAD, pane, "");
    }
    String screen = tmux.capture(agent.target(), captureLines, false);
    AgentState state = agent.patterns().classify(screen);
    if (state == AgentState.UNKNOWN
        && agent.cli() != CliKind.CUSTOM
        && SHELLS.contains(pane.currentCommand())) {
      state = AgentState.EXITED;
    }
    return new Observation(state, pane, screen);
  }
}
