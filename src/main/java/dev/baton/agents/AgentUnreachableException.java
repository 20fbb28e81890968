package dev.baton.agents;

import java.util.List;

/**
 * A prompt could not be delivered to an agent, or keys could not safely be sent. Carries the last
 * screen lines so a person can see what the agent shows. Maps to the process error code {@link
 * #ERROR_CODE}.
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
    /** Every Enter was pressed and the prompt still did not leave the input line. */
    NOT_SUBMITTED,
    /** tmux failed (no server, unknown target, timeout). */
    TMUX_ERROR
  }

  private final String agent;
  private final Reason reason;
  private final List<String> lastLines;

  public AgentUnreachableException(
      String agent, Reason reason, String message, List<String> lastLines, Throwable cause) {
    super(
        "agent " + agent + " unreachable (" + reason + "): " + message
            + (lastLines.isEmpty() ? "" : "\n--- last screen lines ---\n" + String.join("\n", lastLines)),
        cause);
    this.agent = agent;
    this.reason = reason;
    this.lastLines = List.copyOf(lastLines);
  }

  public String agent() {
    return agent;
  }

  public Reason reason() {
    return reason;
  }

  public List<String> lastLines() {
    return lastLines;
  }
}
