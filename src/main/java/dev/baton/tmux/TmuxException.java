package dev.baton.tmux;

/**
 * A tmux call that did not do what was asked. Subtypes let callers tell a missing binary from a
 * stopped server, a wrong target or a dead pane without parsing messages; {@link #tmuxMessage()}
 * keeps tmux's own words for reports.
 */
public abstract sealed class TmuxException extends RuntimeException
    permits TmuxNotInstalledException,
        TmuxServerNotRunningException,
        UnknownTargetException,
        DeadPaneException,
        TmuxTimeoutException,
        TmuxCommandException {

  private final String tmuxMessage;

  protected TmuxException(String message, String tmuxMessage, Throwable cause) {
    super(message, cause);
    this.tmuxMessage = tmuxMessage == null ? "" : tmuxMessage;
  }

  /** What tmux printed on stderr (empty when the failure happened before tmux could speak). */
  public String tmuxMessage() {
    return tmuxMessage;
  }
}
