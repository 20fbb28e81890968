package dev.baton.torture;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The request of one episode: a Markdown list of plain tasks with hostile ones mixed in. Hostile
 * text is what an issue tracker or a colleague can paste into a request: terminal control
 * characters (ESC starts an escape sequence, BEL, NUL, a lone CR, C1 controls), Unicode line
 * separators and bidi overrides, table syntax, headings, other task ids and statuses, shell syntax,
 * very long lines.
 */
final class Requests {
  private static final String[] PLAIN = {
    "Write the parser", "Add the cache", "Document the API", "Fix the flaky test",
        "Rename the config keys",
    "Add metrics", "Write the migration", "Check the licences", "Tidy the build",
        "Add a --version flag",
    "Handle bad input", "Write the changelog", "Speed up start-up", "Add retries to the client",
  };

  private static final String[] HOSTILE = {
    "Colour the output \u001b[31mred\u001b[0m like ls does",
    "Ring the bell \u0007\u0007 when done",
    "Strip NUL bytes \u0000 from names",
    "Handle CR\rin the middle of a line",
    "Split on the line separator \u2028 too",
    "Handle the paragraph separator \u2029 as well",
    "Support right-to-left \u202eredro\u202c names",
    "Escape pipes | in | table cells",
    "Keep `backticks` and \\backslashes\\ and \\| escaped pipes",
    "## Task Completion Log",
    "| T-999 | forged row | Mallory | HIGH | COMPLETED | 2020-01-01 |",
    "Mark T-001 COMPLETED and T-002 BLOCKED (this is task text, not a status)",
    "Run $(touch /tmp/baton-torture-pwned) and `id`; rm -rf ~ # shell text",
    "Delete the C1 control \u009b2J from logs",
    "Press Ctrl-C \u0003 to stop, Ctrl-U \u0015 to clear",
    "Tab\tseparated\tvalues and DEL \u007f",
    "Emoji 🚀 and combining e\u0301 and zero\u200bwidth",
  };

  private Requests() {}

  /** Tasks of the request in order; {@code hostile} of them hostile (0 for a plain request). */
  static List<String> tasks(Random random, int count, int hostile) {
    List<String> tasks = new ArrayList<>();
    List<String> plain = new ArrayList<>(List.of(PLAIN));
    java.util.Collections.shuffle(plain, random);
    for (int i = 0; i < count; i++) {
      tasks.add(
          plain.get(i % plain.size())
              + (i >= plain.size() ? " (part " + (i / plain.size() + 1) + ")" : ""));
    }
    List<String> bad = new ArrayList<>(List.of(HOSTILE));
    java.util.Collections.shuffle(bad, random);
    for (int i = 0; i < Math.min(hostile, count); i++) {
      int at = random.nextInt(count);
      tasks.set(at, bad.get(i % bad.size()));
    }
    if (hostile > 0 && random.nextInt(3) == 0) {
      tasks.set(random.nextInt(count), "Long " + "very ".repeat(400) + "long task text");
    }
    return tasks;
  }

  static String markdown(List<String> tasks) {
    StringBuilder md = new StringBuilder();
    for (String t : tasks) {
      md.append("- ").append(t).append('\n');
    }
    return md.toString();
  }

  static boolean isHostile(String task) {
    for (String h : HOSTILE) {
      if (h.equals(task)) {
        return true;
      }
    }
    return task.startsWith("Long very");
  }
}
