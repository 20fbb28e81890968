package dev.baton.tmux;

/** The session, window or pane named in a target does not exist. */
public final class UnknownTargetException extends TmuxException {
  public UnknownTargetException(String message, String tmuxMessage, Throwable cause) {
    super(message, tmuxMessage, cause);
  }

  public UnknownTargetException(String message, String tmuxMessage) {
    this(message, tmuxMessage, null);
  }
}
