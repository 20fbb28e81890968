package dev.baton.cli;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.Resource;

/**
 * Where a setting came from, in the words a person uses to find it: {@code
 * /home/me/baton.yaml:7:9}, "the command line", "the environment".
 */
final class Origins {
  /**
   * A configuration key at the start of a message, e.g. {@code baton.agents[1] (AMP).name: ...}.
   */
  private static final Pattern LEADING_KEY =
      Pattern.compile(
          "^((?:baton|camunda|server|management|spring)(?:\\.[A-Za-z0-9-]+|\\[\\d+\\])*)(?: \\([^)]*\\))?((?:\\.[A-Za-z0-9-]+)*)");

  private Origins() {}

  /**
   * The file, line and column (1-based) of a setting, or where else it was given; null when unknown
   * or typed on the command line.
   */
  static String describe(Origin origin) {
    for (Origin o = origin; o != null; o = o.getParent()) {
      if (o instanceof TextResourceOrigin text && text.getResource() != null) {
        String file = fileOf(text.getResource());
        return text.getLocation() == null
            ? file
            : file
                + ":"
                + (text.getLocation().getLine() + 1)
                + ":"
                + (text.getLocation().getColumn() + 1);
      }
      if (o instanceof PropertySourceOrigin source) {
        String inner = source.getOrigin() == null ? null : describe(source.getOrigin());
        if (inner != null) {
          return inner;
        }
        String name = source.getPropertySource().getName();
        Matcher file = Pattern.compile("\\[(.*?)]").matcher(name);
        return switch (name) {
          case "commandLineArgs" -> null; // the sentence names the --key the person typed
          case "systemProperties" -> "system property";
          case "systemEnvironment" -> "environment";
          default -> file.find() ? file.group(1) : name;
        };
      }
    }
    return null;
  }

  /**
   * Where the setting {@code key} (or, for a list entry or a group, its first setting) was given.
   */
  static Optional<String> of(ConfigurableEnvironment env, String key) {
    ConfigurationPropertyName name = ConfigurationPropertyName.adapt(key, '.');
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.get(env);
    for (ConfigurationPropertySource source : sources) {
      ConfigurationProperty property = source.getConfigurationProperty(name);
      if (property != null) {
        return Optional.ofNullable(describe(property.getOrigin()));
      }
    }
    for (ConfigurationPropertySource source : sources) {
      if (source instanceof IterableConfigurationPropertySource iterable) {
        Optional<ConfigurationPropertyName> child =
            iterable.stream().filter(name::isAncestorOf).findFirst();
        if (child.isPresent()) {
          return Optional.ofNullable(
              describe(source.getConfigurationProperty(child.get()).getOrigin()));
        }
      }
    }
    return Optional.empty();
  }

  /** The configuration key a message starts with ({@code baton.agents[1].name}), if any. */
  static Optional<String> leadingKey(String message) {
    Matcher m = LEADING_KEY.matcher(message);
    if (!m.find() || !m.group(1).contains(".")) {
      return Optional.empty();
    }
    return Optional.of(m.group(1) + m.group(2));
  }

  /** {@code message} prefixed with the origin of the key it starts with, when that is known. */
  static String locate(ConfigurableEnvironment env, String message) {
    return leadingKey(message)
        .flatMap(k -> of(env, k))
        .map(w -> w + ": " + message)
        .orElse(message);
  }

  private static String fileOf(Resource resource) {
    try {
      if (resource.isFile()) {
        return resource.getFile().getPath();
      }
    } catch (IOException e) {
      // described below
    }
    String description = resource.getDescription();
    Matcher m = Pattern.compile("\\[(.*)]").matcher(description);
    return m.find() ? m.group(1) : description;
  }
}
