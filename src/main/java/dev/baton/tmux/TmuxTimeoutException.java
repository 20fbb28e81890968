package dev.baton.tmux;

/**
 * tmux did not answer within the per-call timeout; the call was abandoned and its process killed.
 */
public final class TmuxTimeoutException extends TmuxException {
  public TmuxTimeoutException(String message, String tmuxMessage, Throwable cause) {
    super(message, tmuxMessage, cause);
  }

  public TmuxTimeoutException(String message, String tmuxMessage) {
    this(message, tmuxMessage, null);
  }
}
