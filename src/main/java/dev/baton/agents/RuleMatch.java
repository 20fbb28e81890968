package dev.baton.agents;

/**
 * A rule that matched, and the screen line that matched it.
 *
 * @param rule the rule
 * @param region region of the matching line
 * @param line index of the line on the captured screen (0 = top)
 * @param text the line, stripped
 */
public record RuleMatch(Rule rule, Region region, int line, String text) {

  public AgentState state() {
    return rule.state();
  }

  /**
   * {@code BUSY by codex/busy /esc to interrupt/ in input+status — status line 31: "• Working (3s •
   * esc to interrupt)"}.
   */
  public String describe() {
    return state()
        + " by "
        + rule.describe()
        + " — "
        + region.id()
        + " line "
        + line
        + ": \""
        + text
        + "\"";
  }
}
