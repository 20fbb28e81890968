package dev.baton.agents;

/**
 * What an agent's pane shows. Only {@link #IDLE}, proven by a pattern in the input area, may
 * receive a prompt; only {@link #BUSY} may receive Escape or C-c. Every other state is a reason to
 * wait and look again: {@link #WAITING_FOR_USER} (a dialog, a login, a confirmation) above all must
 * never receive keys it could take as an answer.
 */
public enum AgentState {
  /** Ready for input. */
  IDLE,
  /** Working on a prompt. */
  BUSY,
  /** A question, dialog or login screen waits for a person. */
  WAITING_FOR_USER,
  /** The CLI reported a usage or rate limit. */
  RATE_LIMITED,
  /** An API, network or authentication error is shown, or the CLI is retrying a request. */
  ERROR,
  /** The CLI is still starting up: no input area yet. */
  STARTING,
  /** The CLI is gone and a shell prompt is back. */
  EXITED,
  /** The pane's program has exited (tmux {@code #{pane_dead}}). */
  DEAD,
  /** Nothing recognisable on screen. */
  UNKNOWN;

  /**
   * Whether the agent may be typed into, the one test for "idle" everywhere (the pool's free
   * agents, the idle nudge, the resume's look at an input line, the team's polite exit): only a
   * positive {@link #IDLE}, never a screen that could not be read.
   */
  public boolean isIdle() {
    return this == IDLE;
  }
}
