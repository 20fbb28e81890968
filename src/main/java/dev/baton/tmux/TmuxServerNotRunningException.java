package dev.baton.tmux;

/** No tmux server answers on the socket: it was never started or has been killed. */
public final class TmuxServerNotRunningException extends TmuxException {
  public TmuxServerNotRunningException(String message, String tmuxMessage, Throwable cause) {
    super(message, tmuxMessage, cause);
  }

  public TmuxServerNotRunningException(String message, String tmuxMessage) {
    this(message, tmuxMessage, null);
  }
}
