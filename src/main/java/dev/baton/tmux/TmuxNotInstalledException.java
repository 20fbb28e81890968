package dev.baton.tmux;

/** The tmux binary could not be started (not installed or not on the PATH). */
public final class TmuxNotInstalledException extends TmuxException {
  public TmuxNotInstalledException(String message, String tmuxMessage, Throwable cause) {
    super(message, tmuxMessage, cause);
  }

  public TmuxNotInstalledException(String message, String tmuxMessage) {
    this(message, tmuxMessage, null);
  }
}
