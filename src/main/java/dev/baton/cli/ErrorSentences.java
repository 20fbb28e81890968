package dev.baton.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.validation.FieldError;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns an exception chain into the one sentence a person needs: the deepest cause that says
 * something.
 */
final class ErrorSentences {
  private static final int LIMIT = 1000;

  private ErrorSentences() {}

  static String of(Throwable error) {
    return of(error, null);
  }

  /**
   * @param yamlFile the file a YAML syntax error was found in, when the caller knows it (snakeyaml
   *     only says "reader")
   */
  static String of(Throwable error, String yamlFile) {
    String best = null;
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof CliFailure) {
        return t.getMessage();
      }
      if (t instanceof MarkedYAMLException yaml) {
        return yaml(yaml, yamlFile);
      }
      if (t instanceof BindValidationException invalid) {
        return invalid.getValidationErrors().getAllErrors().stream()
            .map(
                e ->
                    e instanceof FieldError f
                        ? invalid.getValidationErrors().getName()
                            + "."
                            + kebab(f.getField())
                            + " "
                            + f.getDefaultMessage()
                        : e.getDefaultMessage())
            .collect(Collectors.joining("; "));
      }
      if (t instanceof BindException bind && bind.getProperty() != null) {
        return bound(bind);
      }
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        best = t.getMessage();
      }
      if (t.getCause() == t) {
        break;
      }
    }
    if (best == null) {
      return error.getClass().getSimpleName();
    }
    return shorten(oneLine(best));
  }

  /**
   * A message of several lines as one: "heading:\n - a\n - b" reads "heading: a; b"; otherwise the
   * first line (the rest is a stack-trace-like detail).
   */
  static String oneLine(String message) {
    List<String> lines = message.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    if (lines.isEmpty()) {
      return message.strip();
    }
    String first = lines.getFirst();
    if (lines.size() > 1
        && first.endsWith(":")
        && lines.stream().skip(1).allMatch(l -> l.startsWith("- "))) {
      return first
          + " "
          + lines.stream().skip(1).map(l -> l.substring(2)).collect(Collectors.joining("; "));
    }
    return first;
  }

  /** {@code inactivePolls} as it is written in configuration: {@code inactive-polls}. */
  private static String kebab(String field) {
    return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  private static String shorten(String sentence) {
    return sentence.length() > LIMIT ? sentence.substring(0, LIMIT) + "…" : sentence;
  }

  /** {@code file:line:column: baton.agents[0].cli: 'clod' is not one of claude, codex, ...}. */
  private static String bound(BindException bind) {
    ConfigurationProperty property = bind.getProperty();
    String key = bind.getName().toString();
    Class<?> type = bind.getTarget().getType().resolve();
    String what;
    if (type != null && type.isEnum()) {
      what =
          "'"
              + property.getValue()
              + "' is not one of "
              + Arrays.stream(type.getEnumConstants())
                  .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                  .collect(Collectors.joining(", "));
    } else {
      String cause = bind.getCause() == null ? null : of(bind.getCause());
      String value = "'" + property.getValue() + "'";
      what =
          type == null
              ? value + " cannot be used: " + cause
              : value
                  + " is not a valid "
                  + type.getSimpleName()
                  + (cause == null ? "" : " (" + cause + ")");
    }
    String where = Origins.describe(property.getOrigin());
    return shorten((where == null ? "" : where + ": ") + key + ": " + what);
  }

  /**
   * {@code baton.yaml:6:6: not valid YAML: expected <block end>, but found '<block mapping start>'
   * (...)}.
   */
  private static String yaml(MarkedYAMLException e, String file) {
    Mark at = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    StringBuilder s = new StringBuilder();
    s.append(file == null ? "a configuration file" : file);
    if (at != null) {
      s.append(':').append(at.getLine() + 1).append(':').append(at.getColumn() + 1);
    }
    s.append(": not valid YAML: ").append(e.getProblem() == null ? "syntax error" : e.getProblem());
    if (e.getContext() != null) {
      s.append(" (").append(e.getContext());
      Mark context = e.getContextMark();
      if (context != null && context != at) {
        s.append(" that starts at line ")
            .append(context.getLine() + 1)
            .append(", column ")
            .append(context.getColumn() + 1);
      }
      s.append(')');
    }
    return shorten(s.toString());
  }
}
