package dev.baton.tmux;

/**
 * tmux refused a command for a reason without a more specific type (bad flag, bad option value...).
 */
public final class TmuxCommandException extends TmuxException {
  public TmuxCommandException(String message, String tmuxMessage, Throwable cause) {
    super(message, tmuxMessage, cause);
  }

  public TmuxCommandException(String message, String tmuxMessage) {
    this(message, tmuxMessage, null);
  }
}
