package dev.baton.agents;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Screen patterns of one CLI and the pure classifier over a captured {@link Screen}. Patterns are
 * data because CLIs change their screens between versions.
 *
 * <p>Each rule is searched only in its regions: idle rules in the input area at the bottom, the
 * others there and in the status lines just above; the transcript decides nothing unless a rule
 * names it. Precedence when rules of several states match: {@code exited} (the last non-blank line,
 * never while a full-screen program holds the alternate screen) &gt; {@code waiting-for-user} &gt;
 * {@code rate-limited} &gt; {@code error} &gt; {@code busy} &gt; {@code starting} &gt; {@code idle}
 * &gt; {@link AgentState#UNKNOWN}. Only a positive idle match is idle.
 *
 * @param kind CLI kind id, for explanations
 * @param rules compiled rules in precedence order
 * @param inputLine matches the start of the input line; what follows is the typed text, or null
 * @param checkedOn CLI versions the shipped patterns were checked against
 */
public record CliPatterns(
    String kind, List<Rule> rules, Pattern inputLine, List<String> checkedOn) {

  /** States in the order they win when several match. */
  static final List<AgentState> PRECEDENCE =
      List.of(
          AgentState.EXITED,
          AgentState.WAITING_FOR_USER,
          AgentState.RATE_LIMITED,
          AgentState.ERROR,
          AgentState.BUSY,
          AgentState.STARTING,
          AgentState.IDLE);

  public CliPatterns {
    List<Rule> sorted = new ArrayList<>(rules);
    sorted.sort((a, b) -> PRECEDENCE.indexOf(a.state()) - PRECEDENCE.indexOf(b.state()));
    rules = List.copyOf(sorted);
    checkedOn = checkedOn == null ? List.of() : List.copyOf(checkedOn);
  }

  public static CliPatterns empty() {
    return empty("custom");
  }

  public static CliPatterns empty(String kind) {
    return new CliPatterns(kind, List.of(), null, List.of());
  }

  /** Where a state's rules look when a pattern names no region. */
  static List<Region> defaultRegions(AgentState state) {
    return switch (state) {
      case IDLE, EXITED -> List.of(Region.INPUT);
      default -> List.of(Region.INPUT, Region.STATUS);
    };
  }

  /** The key of a state in the pattern file: {@code waiting-for-user}. */
  static String stateKey(AgentState state) {
    return state.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The patterns of one state, in order. */
  public List<Pattern> patterns(AgentState state) {
    return rules.stream().filter(r -> r.state() == state).map(Rule::pattern).toList();
  }

  /**
   * Classifies a screen captured without cursor information (plain text of {@code capture-pane
   * -p}).
   */
  public AgentState classify(String screen) {
    return verdict(Screen.of(screen), null).state();
  }

  public AgentState classify(Screen screen) {
    return verdict(screen, null).state();
  }

  /**
   * Classifies a screen and keeps the evidence. Text typed on the input line is ignored by all but
   * the idle rules, so a prompt that happens to contain "esc to interrupt" or "Do you want to" does
   * not change the verdict.
   *
   * @param now the present, to turn "resets 3pm" into an instant; null skips that
   */
  public Verdict verdict(Screen screen, ZonedDateTime now) {
    List<String> raw = screen.lines();
    List<String> lines = masked(raw);
    int[] wrapped = screen.wrappedInput(inputLine);
    if (wrapped[1] > wrapped[0]) {
      lines = new ArrayList<>(lines);
      for (int i = wrapped[0]; i < wrapped[1]; i++) {
        lines.set(i, "");
      }
    }
    List<RuleMatch> matches = new ArrayList<>();
    Map<Region, int[]> bounds = new EnumMap<>(Region.class);
    for (Region r : Region.values()) {
      bounds.put(r, screen.bounds(r, inputLine));
    }
    for (Rule rule : rules) {
      // idle rules read the input line as it is: they look for the input itself, which typed
      // text cannot fake; the others read it with typed text masked
      RuleMatch m =
          rule.state() == AgentState.EXITED
              ? matchLastLine(rule, screen)
              : match(rule, rule.state() == AgentState.IDLE ? raw : lines, bounds);
      if (m != null) {
        matches.add(m);
      }
    }
    if (matches.isEmpty()) {
      return Verdict.of(kind, AgentState.UNKNOWN, null);
    }
    RuleMatch decided = matches.getFirst();
    Instant resetsAt = null;
    if (decided.state() == AgentState.RATE_LIMITED && now != null) {
      List<String> candidates = new ArrayList<>();
      candidates.add(decided.text());
      // a message wrapped over several lines gives its reset time on a later one
      int[] own = bounds.get(decided.region());
      candidates.addAll(
          lines.subList(decided.line(), Math.max(decided.line(), Math.min(own[1], raw.size()))));
      int[] status = bounds.get(Region.STATUS);
      candidates.addAll(screen.lines().subList(status[0], screen.lines().size()));
      resetsAt = ResetTime.find(candidates, now).orElse(null);
      if (decided.region() == Region.LAST_OUTPUT
          && resetsAt != null
          && !resetsAt.isAfter(now.toInstant())) {
        // the last turn's limit has reset since: old news, the next match decides
        List<RuleMatch> rest = matches.subList(1, matches.size());
        return rest.isEmpty()
            ? Verdict.of(kind, AgentState.UNKNOWN, null)
            : new Verdict(
                kind,
                rest.getFirst().state(),
                rest.getFirst(),
                rest.subList(1, rest.size()),
                null,
                null);
      }
    }
    return new Verdict(
        kind, decided.state(), decided, matches.subList(1, matches.size()), resetsAt, null);
  }

  private RuleMatch matchLastLine(Rule rule, Screen screen) {
    if (screen.alternate() || screen.lines().isEmpty()) {
      return null;
    }
    String last = screen.lastLine();
    if (!rule.pattern().matcher(last).find()) {
      return null;
    }
    int index = screen.lines().size() - 1;
    while (index > 0 && screen.lines().get(index).isBlank()) {
      index--;
    }
    return new RuleMatch(rule, Region.INPUT, index, last);
  }

  private static RuleMatch match(Rule rule, List<String> lines, Map<Region, int[]> bounds) {
    for (Region region : rule.regions()) {
      int[] b = bounds.get(region);
      if (b[0] >= b[1]) {
        continue;
      }
      String text = String.join("\n", lines.subList(b[0], b[1]));
      Matcher m = rule.pattern().matcher(text);
      if (m.find()) {
        int line = b[0];
        for (int i = 0; i < m.start(); i++) {
          if (text.charAt(i) == '\n') {
            line++;
          }
        }
        return new RuleMatch(rule, region, line, lines.get(line).strip());
      }
    }
    return null;
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
      // tmux drops trailing spaces: an empty input line "› " arrives as "›"
      String padded = line + " ";
      Matcher m = inputLine.matcher(padded);
      if (m.find() && m.start() == 0) {
        found = padded.substring(m.end()).replace('\u00a0', ' ').strip();
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * These patterns with an override applied: its lists are added after the shipped ones, or put in
   * their place when the override says {@code replace: true}.
   */
  public CliPatterns with(CliPatternsOverride override) {
    if (override == null) {
      return this;
    }
    Map<AgentState, List<PatternSpec>> given = new EnumMap<>(AgentState.class);
    putIf(given, AgentState.IDLE, override.idle());
    putIf(given, AgentState.BUSY, override.busy());
    putIf(given, AgentState.WAITING_FOR_USER, override.waitingForUser());
    putIf(given, AgentState.RATE_LIMITED, override.rateLimited());
    putIf(given, AgentState.ERROR, override.error());
    putIf(given, AgentState.STARTING, override.starting());
    putIf(given, AgentState.EXITED, override.exited());
    List<Rule> out = new ArrayList<>();
    for (Rule r : rules) {
      if (!(override.replaces() && given.containsKey(r.state()))) {
        out.add(r);
      }
    }
    given.forEach(
        (state, specs) -> {
          for (PatternSpec spec : specs) {
            if (spec == null || spec.pattern() == null) {
              throw new IllegalArgumentException("a " + stateKey(state) + " pattern is empty");
            }
            List<Region> regions =
                spec.regions().isEmpty() ? defaultRegions(state) : spec.regions();
            out.add(new Rule(kind, state, compile(stateKey(state), spec.pattern()), regions));
          }
        });
    List<String> versions = override.checkedOn() == null ? checkedOn : override.checkedOn();
    Pattern input =
        override.inputLine() == null ? inputLine : compile("input-line", override.inputLine());
    return new CliPatterns(kind, out, input, versions);
  }

  /** True when nothing would ever classify as idle or busy: such a CLI cannot be driven. */
  public boolean isBlind() {
    return patterns(AgentState.IDLE).isEmpty() && patterns(AgentState.BUSY).isEmpty();
  }

  static Pattern compile(String what, String regex) {
    try {
      return Pattern.compile(regex, Pattern.MULTILINE);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "pattern for "
              + what
              + " is not a valid regular expression: "
              + regex
              + " ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  private static void putIf(
      Map<AgentState, List<PatternSpec>> map, AgentState state, List<PatternSpec> specs) {
    if (specs != null) {
      map.put(state, specs);
    }
  }

  private List<String> masked(List<String> lines) {
    if (inputLine == null) {
      return lines;
    }
    List<String> out = new ArrayList<>(lines.size());
    for (String line : lines) {
      Matcher m = inputLine.matcher(line + " ");
      out.add(
          m.find() && m.start() == 0 ? line.substring(0, Math.min(m.end(), line.length())) : line);
    }
    return out;
  }
}
