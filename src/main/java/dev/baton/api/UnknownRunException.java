package dev.baton.api;

/** A run id this Baton does not know: 404 over HTTP. */
public class UnknownRunException extends RuntimeException {
  public UnknownRunException(String runId) {
    super("no run with id '" + runId + "'");
  }
}
