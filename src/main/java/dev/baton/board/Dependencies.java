package dev.baton.board;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dependencies live in the task's own description ({@code … (after T-002)}): the board has no
 * column for them, agents read them there, and a resumed run finds them again without any other
 * file.
 */
public final class Dependencies {
  private static final Pattern AFTER =
      Pattern.compile(
          "\\((?:after|après)\\s+((?:T-\\d{3,})(?:\\s*,\\s*T-\\d{3,})*)\\)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern ID = Pattern.compile("T-\\d{3,}");

  private Dependencies() {}

  /** The ids a description says must be COMPLETED first. */
  public static List<String> of(String description) {
    LinkedHashSet<String> ids = new LinkedHashSet<>();
    Matcher m = AFTER.matcher(description == null ? "" : description);
    while (m.find()) {
      Matcher id = ID.matcher(m.group(1).toUpperCase(Locale.ROOT));
      while (id.find()) {
        ids.add(id.group());
      }
    }
    return List.copyOf(ids);
  }

  /** Appends the dependency suffix in the prompt language. */
  public static String describe(String description, List<String> after, String language) {
    if (after.isEmpty()) {
      return description;
    }
    return description
        + " ("
        + ("fr".equals(language) ? "après " : "after ")
        + String.join(", ", after)
        + ")";
  }
}
