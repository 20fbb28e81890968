package dev.baton.agents;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One compiled screen pattern: what it proves, and where on the screen it may prove it.
 *
 * @param kind the CLI kind whose list it comes from (for explanations)
 * @param state the state a match is evidence of
 * @param pattern the compiled pattern
 * @param regions the regions searched
 */
public record Rule(String kind, AgentState state, Pattern pattern, List<Region> regions) {

  public Rule {
    regions = List.copyOf(regions);
  }

  /** {@code codex/waiting-for-user /Press enter to confirm/ in input}. */
  public String describe() {
    return kind
        + "/"
        + CliPatterns.stateKey(state)
        + " /"
        + pattern.pattern()
        + "/ in "
        + regions.stream().map(Region::id).collect(Collectors.joining("+"));
  }
}
