package dev.baton.agents;

import java.util.List;

/**
 * A prompt could not be delivered to an agent, or keys could not safely be sent. Carries the state
 * seen, why it was classified so (rule, line, region, runners-up) and the last screen lines, so a
 * person can see what the agent shows and why Baton did not type. Maps to the process error code
 * {@link #ERROR_CODE}.
 */
public class AgentUnreachableException extends RuntimeException {

  public static final String ERROR_CODE = "AGENT_UNREACHABLE";

  /** Why delivery stopped. */
  public enum Reason {
    /** The pane's program has exited. */
    DEAD_PANE,
    /** The CLI exited and a shell prompt is back. */
    EXITED,
    /** A dialog, question or login screen is up: Baton does not type into it. */
    WAITING_FOR_USER,
    /** The agent stayed busy past the ready timeout. */
    STILL_BUSY,
    /** The screen shows a usage or rate limit. */
    RATE_LIMITED,
    /** The screen shows an API, network or authentication error, or a retry. */
    ERROR,
    /**
     * No positive sign of an idle input (unknown screen, or still starting) within the ready
     * timeout.
     */
    NOT_IDLE,
    /** Every Enter was pressed and the prompt still did not leave the input line. */
    NOT_SUBMITTED,
    /** tmux failed (no server, unknown target, timeout). */
    TMUX_ERROR
  }

  private final String agent;
  private final Reason reason;
  private final AgentState state;
  private final String explanation;
  private final List<String> lastLines;

  public AgentUnreachableException(
      String agent, Reason reason, String message, List<String> lastLines, Throwable cause) {
    this(agent, reason, null, null, message, lastLines, cause);
  }

  /** A refusal decided on one look at the pane: its state and explanation go into the message. */
  public AgentUnreachableException(
      String agent, Reason reason, String message, Observation seen, int lines) {
    this(
        agent,
        reason,
        seen.state(),
        seen.explain(),
        message + " [" + seen.verdict().summary() + "]",
        seen.lastLines(lines),
        null);
  }

  private AgentUnreachableException(
      String agent,
      Reason reason,
      AgentState state,
      String explanation,
      String message,
      List<String> lastLines,
      Throwable cause) {
    super(
        "agent "
            + agent
            + " unreachable ("
            + reason
            + "): "
            + message
            + (explanation == null ? "" : "\n--- why ---\n" + explanation)
            + (lastLines.isEmpty()
                ? ""
                : "\n--- last screen lines ---\n" + String.join("\n", lastLines)),
        cause);
    this.agent = agent;
    this.reason = reason;
    this.state = state;
    this.explanation = explanation;
    this.lastLines = List.copyOf(lastLines);
  }

  public String agent() {
    return agent;
  }

  public Reason reason() {
    return reason;
  }

  /** The state the pane was in when delivery stopped, or null when no screen was read. */
  public AgentState state() {
    return state;
  }

  /** The classifier's explanation of that state, or null. */
  public String explanation() {
    return explanation;
  }

  public List<String> lastLines() {
    return lastLines;
  }
}
