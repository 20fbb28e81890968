package dev.baton.agents;

import java.util.List;

/**
 * The agent roster in configuration is unusable; the message names the agent and the field. {@link
 * #problems()} keeps each problem apart, so that a checker can list them one per line with where
 * each comes from.
 */
public class RosterException extends IllegalStateException {
  private final List<String> problems;

  public RosterException(String message) {
    super(message);
    this.problems = List.of(message);
  }

  /** A heading ("invalid agent configuration") followed by every problem found. */
  public RosterException(String heading, List<String> problems) {
    super(heading + ":\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
