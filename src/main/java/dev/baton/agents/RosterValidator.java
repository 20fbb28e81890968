package dev.baton.agents;

import dev.baton.tmux.PaneInfo;
import dev.baton.tmux.TmuxClient;
import dev.baton.tmux.TmuxException;
import dev.baton.tmux.TmuxServerNotRunningException;
import dev.baton.tmux.UnknownTargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the roster against the running tmux server: every agent's pane exists, and no two agents
 * resolve to the same pane (two targets can name one pane, e.g. {@code s:4} and {@code s:4.0}).
 */
public final class RosterValidator {

  private final TmuxClient tmux;

  public RosterValidator(TmuxClient tmux) {
    this.tmux = tmux;
  }

  /**
   * @throws RosterException listing every agent whose pane is missing or shared
   */
  public void validate(AgentRoster roster) {
    List<String> errors = new ArrayList<>();
    Map<String, Agent> byPane = new LinkedHashMap<>();
    for (Agent agent : roster.all()) {
      String where = "agent " + agent.name() + " (target " + agent.target() + ")";
      PaneInfo pane;
      try {
        pane = tmux.paneInfo(agent.target());
      } catch (TmuxServerNotRunningException e) {
        throw new RosterException(
            "no tmux server is running"
                + (tmux.socketName() == null ? "" : " on socket '" + tmux.socketName() + "'")
                + ": start the agents' session before Baton (" + e.tmuxMessage() + ")");
      } catch (UnknownTargetException e) {
        errors.add(where + ": no such tmux window or pane (tmux: " + e.tmuxMessage() + ")");
        continue;
      } catch (TmuxException e) {
        errors.add(where + ": " + e.getMessage());
        continue;
      }
      String wanted = paneIndex(agent.target());
      if (wanted != null && !wanted.equals(Integer.toString(pane.paneIndex()))) {
        errors.add(where + ": window has no pane " + wanted);
        continue;
      }
      Agent other = byPane.putIfAbsent(pane.paneId(), agent);
      if (other != null) {
        errors.add(
            where + ": same tmux pane " + pane.paneId() + " as agent " + other.name()
                + " (target " + other.target() + "); one agent per pane");
      }
    }
    if (!errors.isEmpty()) {
      throw new RosterException("agents do not match tmux", errors);
    }
  }

  private static String paneIndex(String target) {
    int colon = target.indexOf(':');
    int dot = colon < 0 ? -1 : target.indexOf('.', colon);
    return dot < 0 ? null : target.substring(dot + 1);
  }
}
