package dev.baton.agents;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Screen patterns for every {@link CliKind}: the shipped defaults from {@code
 * baton/cli-patterns.yaml}, with configured additions or replacements ({@code baton.clis.<kind>.*})
 * applied.
 */
public final class CliPatternCatalog {

  static final String RESOURCE = "baton/cli-patterns.yaml";

  private final Map<CliKind, CliPatterns> byKind;

  private CliPatternCatalog(Map<CliKind, CliPatterns> byKind) {
    this.byKind = Map.copyOf(byKind);
  }

  /** The patterns shipped with Baton. */
  public static CliPatternCatalog shipped() {
    Map<String, CliPatternsOverride> raw;
    try (InputStream in = CliPatternCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      raw =
          YAMLMapper.builder()
              .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
              .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .build()
              .readValue(in, new TypeReference<LinkedHashMap<String, CliPatternsOverride>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    Map<CliKind, CliPatterns> byKind = new EnumMap<>(CliKind.class);
    for (CliKind kind : CliKind.values()) {
      byKind.put(kind, CliPatterns.empty(kind.id()).with(raw.get(kind.id())));
    }
    return new CliPatternCatalog(byKind);
  }

  /**
   * A catalog where the given per-kind overrides add to (or, with {@code replace: true}, replace)
   * the lists they name.
   *
   * @param overrides keyed by kind id ({@code claude}, {@code codex}, ...)
   */
  public CliPatternCatalog withOverrides(Map<String, CliPatternsOverride> overrides) {
    if (overrides == null || overrides.isEmpty()) {
      return this;
    }
    Map<CliKind, CliPatterns> copy = new EnumMap<>(byKind);
    overrides.forEach(
        (id, override) -> {
          CliKind kind;
          try {
            kind = CliKind.fromId(id);
          } catch (IllegalArgumentException e) {
            throw new RosterException("baton.clis." + id + ": " + e.getMessage());
          }
          try {
            copy.put(kind, copy.get(kind).with(override));
          } catch (IllegalArgumentException e) {
            throw new RosterException("baton.clis." + id + ": " + e.getMessage());
          }
        });
    return new CliPatternCatalog(copy);
  }

  public CliPatterns patterns(CliKind kind) {
    return byKind.get(kind);
  }
}
