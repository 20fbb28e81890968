package dev.baton.tmux;

/**
 * The pane exists but its program has exited (kept by remain-on-exit); keys sent there go nowhere.
 */
public final class DeadPaneException extends TmuxException {
  public DeadPaneException(String message, String tmuxMessage, Throwable cause) {
    super(message, tmuxMessage, cause);
  }

  public DeadPaneException(String message, String tmuxMessage) {
    this(message, tmuxMessage, null);
  }
}
