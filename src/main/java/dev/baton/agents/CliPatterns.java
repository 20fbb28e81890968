package dev.baton.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Screen patterns of one CLI and the pure classifier over a captured screen. Patterns are data
 * because CLIs change their screens between versions.
 *
 * <p>Precedence: {@code exited} (tested on the last non-blank line only, where a shell prompt
 * would be) &gt; {@code waitingForUser} (a dialog is a trap: it must win over everything else) &gt;
 * {@code busy} &gt; {@code rateLimited} &gt; {@code idle} &gt; {@link AgentState#UNKNOWN}.
 *
 * @param idle signs that the CLI waits for a prompt
 * @param busy signs that it works
 * @param waitingForUser signs of a question, dialog or login screen
 * @param rateLimited signs of a usage or rate limit
 * @param exited shell prompt signs, matched against the last non-blank line
 * @param inputLine matches the start of the input line; what follows is the typed text, or null
 */
public record CliPatterns(
    List<Pattern> idle,
    List<Pattern> busy,
    List<Pattern> waitingForUser,
    List<Pattern> rateLimited,
    List<Pattern> exited,
    Pattern inputLine) {

  public CliPatterns {
    idle = List.copyOf(idle);
    busy = List.copyOf(busy);
    waitingForUser = List.copyOf(waitingForUser);
    rateLimited = List.copyOf(rateLimited);
    exited = List.copyOf(exited);
  }

  public static CliPatterns empty() {
    return new CliPatterns(List.of(), List.of(), List.of(), List.of(), List.of(), null);
  }

  /**
   * Classifies a captured screen (plain text, as from {@code capture-pane -p}). Text typed on the
   * input line is ignored, so a prompt that happens to contain "esc to interrupt" or "Do you want
   * to" does not change the verdict.
   */
  public AgentState classify(String screen) {
    String raw = screen == null ? "" : screen.replace("\r", "");
    String last = lastNonBlankLine(raw);
    String text = maskInput(raw);
    if (anyFind(exited, last)) {
      return AgentState.EXITED;
    }
    if (anyFind(waitingForUser, text)) {
      return AgentState.WAITING_FOR_USER;
    }
    if (anyFind(busy, text)) {
      return AgentState.BUSY;
    }
    if (anyFind(rateLimited, text)) {
      return AgentState.RATE_LIMITED;
    }
    if (anyFind(idle, text)) {
      return AgentState.IDLE;
    }
    return AgentState.UNKNOWN;
  }

  /**
   * The text on the input line (the last line matching {@link #inputLine}), stripped; empty when
   * the line holds nothing; absent when there is no input-line pattern or no such line.
   */
  public Optional<String> inputText(String screen) {
    if (inputLine == null || screen == null) {
      return Optional.empty();
    }
    String found = null;
    for (String line : screen.replace("\r", "").split("\n")) {
      Matcher m = inputLine.matcher(line);
      if (m.find() && m.start() == 0) {
        found = line.substring(m.end()).replace('\u00a0', ' ').strip();
      }
    }
    return Optional.ofNullable(found);
  }

  /** These patterns with the non-null lists of {@code override} put in place of the shipped ones. */
  public CliPatterns with(CliPatternsOverride override) {
    if (override == null) {
      return this;
    }
    return new CliPatterns(
        pick(override.idle(), idle, "idle"),
        pick(override.busy(), busy, "busy"),
        pick(override.waitingForUser(), waitingForUser, "waiting-for-user"),
        pick(override.rateLimited(), rateLimited, "rate-limited"),
        pick(override.exited(), exited, "exited"),
        override.inputLine() == null ? inputLine : compile("input-line", override.inputLine()));
  }

  /** True when nothing would ever classify as idle or busy: such a CLI cannot be driven. */
  public boolean isBlind() {
    return idle.isEmpty() && busy.isEmpty();
  }

  static List<Pattern> compileAll(String what, List<String> regexes) {
    List<Pattern> out = new ArrayList<>();
    if (regexes != null) {
      for (String r : regexes) {
        out.add(compile(what, r));
      }
    }
    return out;
  }

  static Pattern compile(String what, String regex) {
    try {
      return Pattern.compile(regex, Pattern.MULTILINE);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "pattern for " + what + " is not a valid regular expression: " + regex + " (" + e.getMessage() + ")",
          e);
    }
  }

  private static List<Pattern> pick(List<String> override, List<Pattern> shipped, String what) {
    return override == null ? shipped : compileAll(what, override);
  }

  private String maskInput(String text) {
    if (inputLine == null) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (String line : text.split("\n", -1)) {
      Matcher m = inputLine.matcher(line);
      out.append(m.find() && m.start() == 0 ? line.substring(0, m.end()) : line).append('\n');
    }
    return out.toString();
  }

  private static boolean anyFind(List<Pattern> patterns, String text) {
    for (Pattern p : patterns) {
      if (p.matcher(text).find()) {
        return true;
      }
    }
    return false;
  }

  private static String lastNonBlankLine(String text) {
    String[] lines = text.split("\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      if (!lines[i].isBlank()) {
        return lines[i].strip();
      }
    }
    return "";
  }
}
