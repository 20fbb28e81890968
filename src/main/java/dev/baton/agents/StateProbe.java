package dev.baton.agents;

import dev.baton.tmux.PaneInfo;
import dev.baton.tmux.PaneLook;
import dev.baton.tmux.PaneScreen;
import dev.baton.tmux.TmuxClient;
import dev.baton.tmux.UnknownTargetException;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * Tells what an agent is doing from tmux's pane description and its screen: a dead pane is {@link
 * AgentState#DEAD}; otherwise the visible screen (not the scrollback: old output there says nothing
 * about now) is classified by region with the agent's patterns, and an unrecognised screen whose
 * foreground program is a shell counts as {@link AgentState#EXITED}. Unknown targets and a stopped
 * server surface as the tmux exceptions.
 */
public final class StateProbe {

  private static final Set<String> SHELLS =
      Set.of("bash", "zsh", "sh", "dash", "fish", "ksh", "tcsh", "csh");

  private final TmuxClient tmux;
  private final int captureLines;
  private final boolean captureHistory;
  private final Clock clock;

  /** Reads the visible screen; {@code captureLines} only applies with history capture. */
  public StateProbe(TmuxClient tmux, int captureLines) {
    this(tmux, captureLines, false, Clock.systemDefaultZone());
  }

  /**
   * @param captureHistory read the last {@code captureLines} lines including scrollback instead of
   *     the visible screen (no cursor information then)
   * @param clock turns "resets 3pm" into an instant
   */
  public StateProbe(TmuxClient tmux, int captureLines, boolean captureHistory, Clock clock) {
    this.tmux = tmux;
    this.captureLines = captureLines;
    this.captureHistory = captureHistory;
    this.clock = clock;
  }

  public AgentState state(Agent agent) {
    return observe(agent).state();
  }

  /**
   * A window that no longer exists is a dead agent: tmux closes an agent's window when its CLI's
   * process dies (unless {@code remain-on-exit} keeps it), and to the pool that is the same fact as
   * a dead pane.
   */
  public Observation observe(Agent agent) {
    String kind = agent.cli().id();
    PaneInfo pane;
    PaneScreen visible = null;
    try {
      if (captureHistory) {
        pane = tmux.paneInfo(agent.target());
      } else {
        PaneLook look = tmux.look(agent.target());
        pane = look.pane();
        visible = look.screen();
      }
    } catch (UnknownTargetException e) {
      return new Observation(
          AgentState.DEAD,
          null,
          "",
          Verdict.of(kind, AgentState.DEAD, "tmux has no such pane"),
          null);
    }
    if (pane.dead()) {
      return new Observation(
          AgentState.DEAD,
          pane,
          "",
          Verdict.of(kind, AgentState.DEAD, "the pane's program has exited"),
          null);
    }
    Screen screen =
        visible == null
            ? Screen.of(tmux.capture(agent.target(), captureLines, false))
            : Screen.of(visible.text(), visible.cursorY(), visible.alternate());
    // the CLIs print a reset time ("resets 3pm") in the local time of the machine they run on,
    // which is this one
    Verdict verdict =
        agent
            .patterns()
            .verdict(
                screen, ZonedDateTime.ofInstant(clock.instant(), java.time.ZoneId.systemDefault()));
    if (verdict.state() == AgentState.UNKNOWN
        && agent.cli() != CliKind.CUSTOM
        && SHELLS.contains(pane.currentCommand())) {
      verdict =
          verdict.overriddenBy(
              AgentState.EXITED, "the pane's foreground program is " + pane.currentCommand());
    }
    return new Observation(verdict.state(), pane, screen.text(), verdict, verdict.resetsAt());
  }
}
