package dev.baton.request;

/**
 * A request no run could carry to its end (too many tasks, a dependency on nothing, a cycle):
 * refused before anything starts, in one sentence that names the tasks.
 */
public class InvalidRequestException extends IllegalArgumentException {
  public InvalidRequestException(String message) {
    super(message);
  }
}
