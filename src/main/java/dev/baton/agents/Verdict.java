package dev.baton.agents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A classified screen with its evidence: the rule and line that decided, and the other rules that
 * matched but lost on precedence (the runners-up). A person reads {@link #explain()} to see why
 * Baton did or did not type into a pane.
 *
 * @param kind the CLI kind whose patterns were used
 * @param state the verdict
 * @param decided the deciding match, null for {@link AgentState#UNKNOWN} or a state decided outside
 *     the patterns (dead pane, shell in the foreground)
 * @param runnersUp other matches, best first
 * @param resetsAt when a rate limit ends, when the screen says so; else null
 * @param note how a state outside the patterns was decided, or null
 */
public record Verdict(
    String kind,
    AgentState state,
    RuleMatch decided,
    List<RuleMatch> runnersUp,
    Instant resetsAt,
    String note) {

  public Verdict {
    runnersUp = List.copyOf(runnersUp);
  }

  static Verdict of(String kind, AgentState state, String note) {
    return new Verdict(kind, state, null, List.of(), null, note);
  }

  /** The same verdict overridden by a fact found outside the screen's text. */
  Verdict overriddenBy(AgentState newState, String why) {
    return new Verdict(
        kind, newState, null, decided == null ? runnersUp : prepend(decided), null, why);
  }

  private List<RuleMatch> prepend(RuleMatch first) {
    List<RuleMatch> all = new ArrayList<>();
    all.add(first);
    all.addAll(runnersUp);
    return all;
  }

  /**
   * An idle input below a usage limit that the CLI's last turn printed (Codex after a 429): news
   * for the poll, which rests the agent, but no obstacle to typing once the rest is over: the input
   * itself is positively idle and nothing but the idle rules matched besides the limit.
   */
  public boolean idleAfterLimit() {
    return state == AgentState.RATE_LIMITED
        && decided != null
        && decided.region() == Region.LAST_OUTPUT
        && !runnersUp.isEmpty()
        && runnersUp.stream().allMatch(m -> m.state().isIdle());
  }

  /** One line: the state and what decided it, for a report line. */
  public String summary() {
    if (decided != null) {
      String text =
          decided.text().length() > 80 ? decided.text().substring(0, 79) + "…" : decided.text();
      return "state "
          + state
          + " by "
          + decided.rule().describe()
          + " — "
          + decided.region().id()
          + " line "
          + decided.line()
          + ": \""
          + text
          + "\"";
    }
    return "state "
        + state
        + (note != null ? " (" + note + ")" : " (no " + kind + " rule matched)");
  }

  /** Several lines: the state, the deciding rule and line, then each runner-up. */
  public String explain() {
    StringBuilder out = new StringBuilder();
    out.append("state ").append(state);
    if (decided != null) {
      out.append("\n  decided by ")
          .append(decided.rule().describe())
          .append("\n    ")
          .append(decided.region().id())
          .append(" line ")
          .append(decided.line())
          .append(": \"")
          .append(decided.text())
          .append('"');
    } else if (note != null) {
      out.append("\n  ").append(note);
    } else {
      out.append("\n  no ").append(kind).append(" rule matched the input or status region");
    }
    if (resetsAt != null) {
      out.append("\n  limit resets at ").append(resetsAt);
    }
    if (runnersUp.isEmpty()) {
      out.append("\n  runners-up: none");
    } else {
      out.append("\n  runners-up:");
      for (RuleMatch m : runnersUp) {
        out.append("\n    ").append(m.describe());
      }
    }
    return out.toString();
  }
}
