package dev.baton.agents;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;

/**
 * One screen pattern as configured: a Java regular expression and, optionally, the regions it is
 * searched in (default: the state's own regions, see {@link CliPatterns}). In YAML either a plain
 * string or {@code {pattern: '...', regions: [status]}}.
 *
 * @param pattern Java regular expression (multi-line mode: {@code ^} and {@code $} match at lines)
 * @param regions where to search; null or empty means the state's default regions
 */
public record PatternSpec(String pattern, List<Region> regions) {

  public PatternSpec {
    regions = regions == null ? List.of() : List.copyOf(regions);
  }

  /** A plain string in configuration: the pattern, searched in the state's default regions. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static PatternSpec valueOf(String pattern) {
    return new PatternSpec(pattern, List.of());
  }

  /** Plain patterns, as tests and older configuration give them. */
  public static List<PatternSpec> all(List<String> patterns) {
    return patterns == null ? null : patterns.stream().map(PatternSpec::valueOf).toList();
  }
}
