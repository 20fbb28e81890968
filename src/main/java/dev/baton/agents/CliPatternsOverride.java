package dev.baton.agents;

import java.util.List;

/**
 * Configured screen patterns for a CLI kind or one agent; also the shape of each entry of the
 * shipped {@code baton/cli-patterns.yaml}. A configured list is added after the shipped one
 * (shipped rules keep working when a CLI's screens change only in part); with {@code replace: true}
 * the lists given replace the shipped ones. A null list leaves the shipped one alone.
 *
 * @param idle patterns proving that the CLI waits for a prompt (default region: input)
 * @param busy patterns proving that it works (default regions: input, status)
 * @param waitingForUser patterns of a dialog, question or login screen (input, status)
 * @param rateLimited patterns of a usage or rate limit (default regions: input, status)
 * @param error patterns of an API, network or authentication error, or a retry (input, status)
 * @param starting patterns of a CLI still starting up (input, status)
 * @param exited patterns of a shell prompt, matched against the last non-blank line
 * @param inputLine regex for the start of the input line; what follows is typed text
 * @param replace true: the lists given replace the shipped ones instead of adding to them
 * @param checkedOn CLI versions the patterns were checked against (documentation)
 */
public record CliPatternsOverride(
    List<PatternSpec> idle,
    List<PatternSpec> busy,
    List<PatternSpec> waitingForUser,
    List<PatternSpec> rateLimited,
    List<PatternSpec> error,
    List<PatternSpec> starting,
    List<PatternSpec> exited,
    String inputLine,
    Boolean replace,
    List<String> checkedOn) {

  /** Plain patterns for the original five states, added to the shipped ones. */
  public static CliPatternsOverride of(
      List<String> idle,
      List<String> busy,
      List<String> waitingForUser,
      List<String> rateLimited,
      List<String> exited,
      String inputLine) {
    return new CliPatternsOverride(
        PatternSpec.all(idle),
        PatternSpec.all(busy),
        PatternSpec.all(waitingForUser),
        PatternSpec.all(rateLimited),
        null,
        null,
        PatternSpec.all(exited),
        inputLine,
        null,
        null);
  }

  /** This override, replacing instead of adding. */
  public CliPatternsOverride replacing() {
    return new CliPatternsOverride(
        idle,
        busy,
        waitingForUser,
        rateLimited,
        error,
        starting,
        exited,
        inputLine,
        true,
        checkedOn);
  }

  boolean replaces() {
    return Boolean.TRUE.equals(replace);
  }
}
