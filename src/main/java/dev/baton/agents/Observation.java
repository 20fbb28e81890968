package dev.baton.agents;

import dev.baton.tmux.PaneInfo;
import java.time.Instant;
import java.util.List;

/**
 * One look at an agent's pane.
 *
 * @param state classified state
 * @param pane tmux's description of the pane, null when its window is gone
 * @param screen the captured text (empty for a dead pane)
 * @param verdict the evidence behind the state (rule, line, region, runners-up)
 * @param resetsAt when a usage limit on screen ends, if the screen says so; else null
 */
public record Observation(
    AgentState state, PaneInfo pane, String screen, Verdict verdict, Instant resetsAt) {

  public Observation {
    screen = screen == null ? "" : screen;
    if (verdict == null) {
      verdict = Verdict.of("?", state, null);
    }
  }

  public Observation(AgentState state, PaneInfo pane, String screen) {
    this(state, pane, screen, null, null);
  }

  /** The last {@code n} lines of the screen, for error reports. */
  public List<String> lastLines(int n) {
    List<String> lines = screen.lines().toList();
    while (!lines.isEmpty() && lines.getLast().isBlank()) {
      lines = lines.subList(0, lines.size() - 1);
    }
    return lines.subList(Math.max(0, lines.size() - n), lines.size());
  }

  /** Why the state is what it is, for logs, errors and {@code baton agents --explain}. */
  public String explain() {
    return verdict.explain();
  }
}
