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
   * What the check found: agents whose pane does not exist, apart from every other problem.
   *
   * @param serverDown the sentence saying no tmux server runs at all, or null when one answered
   */
  public record Findings(List<String> missing, List<String> errors, String serverDown) {
    public Findings {
      missing = List.copyOf(missing);
      errors = List.copyOf(errors);
    }

    public boolean clean() {
      return serverDown == null && missing.isEmpty() && errors.isEmpty();
    }

    /**
     * A journaled run may go on without the agents whose windows closed while Baton was down (they
     * read as dead and their tasks are reassigned), as long as some agent is left and nothing else
     * is wrong. With the whole tmux server gone it goes on too, to the end a run meets when its
     * server dies under it: it fails with its report and its tasks back to PENDING.
     */
    public boolean resumableWith(int agents) {
      return serverDown != null || (errors.isEmpty() && missing.size() < agents);
    }

    /**
     * @throws RosterException listing every problem, missing panes first
     */
    public void throwIfAny() {
      if (serverDown != null) {
        throw new RosterException(serverDown);
      }
      if (!clean()) {
        List<String> all = new ArrayList<>(missing);
        all.addAll(errors);
        throw new RosterException("agents do not match tmux", all);
      }
    }
  }

  /**
   * @throws RosterException listing every agent whose pane is missing or shared
   */
  public void validate(AgentRoster roster) {
    check(roster).throwIfAny();
  }

  public Findings check(AgentRoster roster) {
    List<String> missing = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    Map<String, Agent> byPane = new LinkedHashMap<>();
    for (Agent agent : roster.all()) {
      String where = "agent " + agent.name() + " (target " + agent.target() + ")";
      PaneInfo pane;
      try {
        pane = tmux.paneInfo(agent.target());
      } catch (TmuxServerNotRunningException e) {
        return new Findings(
            List.of(),
            List.of(),
            "no tmux server is running"
                + (tmux.socketName() == null ? "" : " on socket '" + tmux.socketName() + "'")
                + ": start the agents' session before Baton ("
                + e.tmuxMessage()
                + ")");
      } catch (UnknownTargetException e) {
        missing.add(where + ": no such tmux window or pane (tmux: " + e.tmuxMessage() + ")");
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
            where
                + ": same tmux pane "
                + pane.paneId()
                + " as agent "
                + other.name()
                + " (target "
                + other.target()
                + "); one agent per pane");
      }
    }
    return new Findings(missing, errors, null);
  }

  private static String paneIndex(String target) {
    int colon = target.indexOf(':');
    int dot = colon < 0 ? -1 : target.indexOf('.', colon);
    return dot < 0 ? null : target.substring(dot + 1);
  }
}
