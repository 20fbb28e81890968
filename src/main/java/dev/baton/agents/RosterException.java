package dev.baton.agents;

/** The agent roster in configuration is unusable; the message names the agent and the field. */
public class RosterException extends IllegalStateException {
  public RosterException(String message) {
    super(message);
  }
}
