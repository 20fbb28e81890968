package dev.baton.workers;

import dev.baton.tmux.TmuxServerNotRunningException;
import java.util.Optional;

/**
 * The agents' tmux server is gone (killed, crashed, its socket removed): every pane with it, so no
 * step that needs an agent can succeed and retrying only delays the end. Workers let that failure
 * through unchanged (never as one agent being unreachable), and {@link JobFailures} turns it into
 * the model's {@code RUN_FAILED}.
 */
final class AgentsLost {
  private AgentsLost() {}

  /** The server-gone failure behind {@code e}, if that is what it is. */
  static Optional<TmuxServerNotRunningException> cause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TmuxServerNotRunningException gone) {
        return Optional.of(gone);
      }
    }
    return Optional.empty();
  }

  /** Lets a server-gone failure through; any other failure is the caller's to handle. */
  static void rethrowIfServerGone(RuntimeException e) {
    cause(e)
        .ifPresent(
            gone -> {
              throw gone;
            });
  }

  /** The sentence the report and the run's events give. */
  static String reason(TmuxServerNotRunningException gone) {
    return "the agents' tmux server is gone (" + gone.getMessage() + "): no agent can be reached";
  }
}
