package dev.baton.api;

/**
 * A part of Baton the request needs is not wired in this process (503), said plainly rather than
 * answered empty.
 */
public class ViewUnavailableException extends RuntimeException {
  public ViewUnavailableException(String what) {
    super(what + " is not available in this Baton process");
  }
}
