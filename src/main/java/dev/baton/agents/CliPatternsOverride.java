package dev.baton.agents;

import java.util.List;

/**
 * Configured replacement for some of a CLI's screen patterns; a null list keeps the shipped one.
 * Also the shape of each entry of the shipped {@code baton/cli-patterns.yaml}.
 *
 * @param idle regexes meaning "ready for a prompt"
 * @param busy regexes meaning "working"
 * @param waitingForUser regexes meaning "a dialog or question waits for a person"
 * @param rateLimited regexes meaning "usage or rate limit hit"
 * @param exited regexes for a shell prompt on the last non-blank line
 * @param inputLine regex for the start of the input line
 */
public record CliPatternsOverride(
    List<String> idle,
    List<String> busy,
    List<String> waitingForUser,
    List<String> rateLimited,
    List<String> exited,
    String inputLine) {}
