package dev.baton.agents;

import dev.baton.tmux.PaneInfo;
import java.util.List;

/**
 * One look at an agent's pane.
 *
 * @param state classified state
 * @param pane tmux's description of the pane, null when its window is gone
 * @param screen the captured text (empty for a dead pane)
 */
public record Observation(AgentState state, PaneInfo pane, String screen) {

  /** The last {@code n} lines of the screen, for error reports. */
  public List<String> lastLines(int n) {
    List<String> lines = screen.lines().toList();
    return lines.subList(Math.max(0, lines.size() - n), lines.size());
  }
}
