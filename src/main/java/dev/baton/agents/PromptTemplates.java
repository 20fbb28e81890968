package dev.baton.agents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prompt templates as editable text files: {@code <directory>/<language>/<kind>.txt} when a user
 * directory is configured and holds the file, else the shipped {@code
 * baton/prompts/<language>/<kind>.txt}. Placeholders are {@code {{name}}}; a placeholder without a
 * value is an error, never sent as is.
 *
 * <p>Templates are written on several lines for reading, and rendered as <b>one line</b> (lines
 * stripped, blank ones dropped, joined with a space). Every CLI takes a typed newline as "submit",
 * and a one-line prompt typed with {@code send-keys -l} is the path every CLI was seen to accept;
 * bracketed paste (which does keep newlines) is left to callers that pass multi-line text to {@link
 * PromptSubmitter} themselves. Values are flattened the same way.
 */
public final class PromptTemplates {

  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9]*)\\s*}}");

  private final Path directory;
  private final String defaultLanguage;

  /**
   * @param directory user templates, or null for the shipped ones only
   * @param defaultLanguage language used when none is asked for
   */
  public PromptTemplates(Path directory, String defaultLanguage) {
    this.directory = directory;
    this.defaultLanguage = defaultLanguage;
  }

  /**
   * Renders for an agent: its language (or the default), {@code {{agent}}} filled with its name.
   */
  public String render(PromptKind kind, Agent agent, Map<String, String> values) {
    Map<String, String> all = new HashMap<>(values);
    all.putIfAbsent("agent", agent.name());
    all.putIfAbsent("label", agent.label());
    return render(kind, agent.languageOr(defaultLanguage), all);
  }

  /**
   * @param language template language, or null for the default
   * @throws IllegalArgumentException when a placeholder has no value or the template is missing
   */
  public String render(PromptKind kind, String language, Map<String, String> values) {
    String template = template(kind, language == null ? defaultLanguage : language);
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    Set<String> missing = new LinkedHashSet<>();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        missing.add(m.group(1));
        value = "";
      }
      m.appendReplacement(out, Matcher.quoteReplacement(oneLine(value)));
    }
    m.appendTail(out);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "prompt template " + language + "/" + kind.fileName() + " needs values for " + missing);
    }
    return oneLine(out.toString());
  }

  /** The raw template text. */
  public String template(PromptKind kind, String language) {
    if (language == null || !language.matches("[a-z]{2}")) {
      throw new IllegalArgumentException("bad prompt language '" + language + "'");
    }
    if (directory != null) {
      Path file = directory.resolve(language).resolve(kind.fileName());
      if (Files.isRegularFile(file)) {
        try {
          return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read prompt template " + file, e);
        }
      }
    }
    String resource = "baton/prompts/" + language + "/" + kind.fileName();
    try (InputStream in = PromptTemplates.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "no prompt template "
                + language
                + "/"
                + kind.fileName()
                + (directory == null ? "" : " in " + directory)
                + " nor shipped with Baton");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  static String oneLine(String text) {
    return text.lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .reduce((a, b) -> a + " " + b)
        .orElse("");
  }
}
