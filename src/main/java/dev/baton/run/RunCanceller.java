package dev.baton.run;

/**
 * Stops the agents of a run politely (Escape, never two C-c in a row) and leaves the board
 * consistent (rows in progress go back to a state a later run understands). {@link
 * OpenTasksCanceller} does it; the REST API's cancel calls it after the engine side of the cancel.
 */
public interface RunCanceller {
  void cancel(String runId);
}
