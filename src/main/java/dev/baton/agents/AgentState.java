package dev.baton.agents;

/**
 * What an agent's pane shows. Only {@link #IDLE} may receive a prompt; {@link #WAITING_FOR_USER}
 * (a dialog, a login, a confirmation) must never receive keys it could take as an answer.
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
  /** The CLI is gone and a shell prompt is back. */
  EXITED,
  /** The pane's program has exited (tmux {@code #{pane_dead}}). */
  DEAD,
  /** Nothing recognisable on screen. */
  UNKNOWN
}
