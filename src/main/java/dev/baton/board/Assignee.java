package dev.baton.board;

import java.util.Locale;
import java.util.Optional;

/**
 * Who a row is assigned to: the board's "Assigned To" cell, {@code AMP (w4)} in the method's words,
 * the agent's name then its window in parentheses. Agents write the cell by hand and carelessly
 * ({@code @claude}, {@code amp(w4)}, {@code **Codex**}, {@code —} for nobody), so it is read one
 * way here and compared by name only, ignoring case and punctuation: {@code AMP-2} is {@code amp2},
 * never {@code AMP}.
 *
 * @param name the agent's name as written, without decoration ({@code AMP})
 * @param label what the parentheses say ({@code w4}), or null
 */
public record Assignee(String name, String label) {
  public Assignee {
    if (name == null || key(name).isEmpty()) {
      throw new IllegalArgumentException(
          "an assignee needs a name with a letter or a digit, got: " + name);
    }
    name = name.strip();
    label = label == null || label.isBlank() ? null : label.strip();
  }

  /**
   * Reads an "Assigned To" cell; empty when it names nobody (blank, {@code —}, {@code -}, {@code
   * (w4)} alone). The name is what comes before the first parenthesis, without a leading {@code @}
   * and without Markdown emphasis.
   */
  public static Optional<Assignee> parse(String cell) {
    if (cell == null) {
      return Optional.empty();
    }
    String s = cell.strip();
    int open = s.indexOf('(');
    String name = open >= 0 ? s.substring(0, open) : s;
    String label = null;
    if (open >= 0) {
      int close = s.indexOf(')', open);
      label = close > open ? s.substring(open + 1, close) : s.substring(open + 1);
    }
    name = undecorated(name);
    if (key(name).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Assignee(name, label == null ? null : undecorated(label)));
  }

  /** The cell as Baton writes it: {@code AMP (w4)}, or the bare name without a label. */
  public String cell() {
    return label == null ? name : name + " (" + label + ")";
  }

  /** Whether this names the agent called {@code agentName} (case, spaces and punctuation aside). */
  public boolean is(String agentName) {
    return agentName != null && key(name).equals(key(agentName));
  }

  /**
   * Whether both name the same agent; labels (windows) are not compared, the name is what
   * identifies an agent.
   */
  public boolean sameAgent(Assignee other) {
    return other != null && is(other.name);
  }

  /**
   * Whether the cell {@code cell} names the agent called {@code agentName}; a cell naming nobody
   * names no one.
   */
  public static boolean names(String cell, String agentName) {
    return parse(cell).map(a -> a.is(agentName)).orElse(false);
  }

  private static String undecorated(String s) {
    String t = s.strip();
    while (!t.isEmpty() && "@*_`".indexOf(t.charAt(0)) >= 0) {
      t = t.substring(1).strip();
    }
    while (!t.isEmpty() && "*_`".indexOf(t.charAt(t.length() - 1)) >= 0) {
      t = t.substring(0, t.length() - 1).strip();
    }
    return t;
  }

  private static String key(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
  }
}
