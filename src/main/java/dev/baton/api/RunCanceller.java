package dev.baton.api;

/**
 * Stops the agents of a run politely (Escape, never two C-c in a row) and leaves the board consistent (rows in
 * progress go back to a state a later run understands). Implemented by the agents package; the engine side of a
 * cancel is done by {@link RunCancellation}.
 */
public interface RunCanceller {
  void cancel(String runId);
}
