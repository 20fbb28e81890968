package dev.baton.request;

import com.vladsch.flexmark.ast.BulletList;
import com.vladsch.flexmark.ast.ListBlock;
import com.vladsch.flexmark.ast.ListItem;
import com.vladsch.flexmark.ast.OrderedList;
import com.vladsch.flexmark.ext.tables.TableBlock;
import com.vladsch.flexmark.ext.tables.TableBody;
import com.vladsch.flexmark.ext.tables.TableCell;
import com.vladsch.flexmark.ext.tables.TableHead;
import com.vladsch.flexmark.ext.tables.TableRow;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a request the way a person writes one. A Markdown list or table is an explicit plan (one
 * task per item or row); anything else is free text that the lead agent must plan. Priorities
 * ({@code [HIGH]}, {@code (low)}, {@code priority: med}) and dependencies ({@code after T-002},
 * {@code après #1}) may sit anywhere in an item and are taken out of the description.
 */
public final class RequestParser {

  /**
   * The most tasks one run takes, whichever way they come in (request text, a {@code tasks} array,
   * {@code --file}): the embedded engine keeps every record of a run in memory.
   */
  public static final int MAX_TASKS = 1000;

  private static final Pattern PRIORITY =
      Pattern.compile(
          "\\s*(?:\\[(HIGH|MED|MEDIUM|LOW)]|\\((HIGH|MED|MEDIUM|LOW)\\)|(?:priority|priorité)\\s*[:=]\\s*(HIGH|MED|MEDIUM|LOW))\\s*",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern AFTER =
      Pattern.compile(
          "\\s*[(\\[]?\\s*(?:after|après|apres|depends on|dépend de)\\s+((?:(?:T-\\d{3,}|#\\d+)(?:\\s*(?:,|and|et)\\s*)?)+)\\s*[)\\]]?",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern REF = Pattern.compile("T-\\d{3,}|#\\d+", Pattern.CASE_INSENSITIVE);

  private final Parser parser;

  public RequestParser() {
    MutableDataSet options = new MutableDataSet();
    options.set(Parser.EXTENSIONS, List.of(TablesExtension.create()));
    this.parser = Parser.builder(options).build();
  }

  /**
   * The explicit tasks of a request; empty when the request is free text.
   *
   * @throws InvalidRequestException when a run could not carry the tasks to their end: more than
   *     {@link #MAX_TASKS}, a dependency on an item that does not exist or on itself, a dependency
   *     cycle
   * @throws IllegalArgumentException when an item has no description
   */
  public List<PlannedTask> parse(String request) {
    List<PlannedTask> tasks = read(request);
    if (tasks.size() > MAX_TASKS) {
      throw new InvalidRequestException(
          String.format(
              java.util.Locale.ROOT,
              "the request has %,d tasks, more than the %,d one run takes: split it into several runs",
              tasks.size(),
              MAX_TASKS));
    }
    DependencyCheck.check(tasks);
    return tasks;
  }

  private List<PlannedTask> read(String request) {
    Document doc = parser.parse(request);
    List<PlannedTask> tasks = new ArrayList<>();
    for (Node node : doc.getChildren()) {
      if (node instanceof BulletList || node instanceof OrderedList) {
        for (Node item : node.getChildren()) {
          if (item instanceof ListItem li) {
            tasks.add(fromText(itemText(li), li.getStartLineNumber() + 1));
          }
        }
      } else if (node instanceof TableBlock table) {
        tasks.addAll(fromTable(table));
      }
    }
    return tasks;
  }

  private static String itemText(ListItem item) {
    StringBuilder text = new StringBuilder();
    for (Node child : item.getChildren()) {
      if (!(child instanceof ListBlock)) {
        text.append(child.getChars().toString().strip()).append(' ');
      }
    }
    return text.toString().replaceAll("\\s+", " ").strip();
  }

  private List<PlannedTask> fromTable(TableBlock table) {
    List<String> header = new ArrayList<>();
    List<PlannedTask> tasks = new ArrayList<>();
    for (Node section : table.getChildren()) {
      for (Node row : section.getChildren()) {
        if (!(row instanceof TableRow)) {
          continue;
        }
        List<String> cells = new ArrayList<>();
        for (Node cell : row.getChildren()) {
          if (cell instanceof TableCell c) {
            cells.add(c.getText().toString().replace("\\|", "|").strip());
          }
        }
        if (section instanceof TableHead) {
          cells.forEach(c -> header.add(c.toLowerCase(Locale.ROOT)));
        } else if (section instanceof TableBody) {
          tasks.add(fromRow(header, cells, row.getStartLineNumber() + 1));
        }
      }
    }
    return tasks;
  }

  private PlannedTask fromRow(List<String> header, List<String> cells, int line) {
    String description = null;
    StringBuilder extra = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String column = i < header.size() ? header.get(i) : "";
      String value = cells.get(i);
      if (description == null
          && (column.startsWith("task")
              || column.startsWith("tâche")
              || column.startsWith("description"))) {
        description = value;
      } else if (column.startsWith("prior")) {
        extra.append(" [").append(value).append(']');
      } else if (column.startsWith("after")
          || column.startsWith("depend")
          || column.startsWith("après")) {
        if (!value.isBlank()) {
          extra.append(" after ").append(value);
        }
      }
    }
    if (description == null) {
      description = cells.isEmpty() ? "" : cells.getFirst();
    }
    return fromText(description + extra, line);
  }

  private static PlannedTask fromText(String text, int line) {
    String priority = "MED";
    Matcher p = PRIORITY.matcher(text);
    if (p.find()) {
      String word = firstNonNull(p.group(1), p.group(2), p.group(3)).toUpperCase(Locale.ROOT);
      priority = word.startsWith("MED") ? "MED" : word;
      text = p.replaceFirst(" ");
    }
    Set<String> after = new LinkedHashSet<>();
    Matcher a = AFTER.matcher(text);
    StringBuilder rest = new StringBuilder();
    while (a.find()) {
      Matcher ref = REF.matcher(a.group(1));
      while (ref.find()) {
        after.add(ref.group().toUpperCase(Locale.ROOT));
      }
      a.appendReplacement(rest, " ");
    }
    a.appendTail(rest);
    String description =
        rest.toString().replaceAll("\\s+", " ").strip().replaceAll("[,;:]+$", "").strip();
    if (description.isEmpty()) {
      throw new IllegalArgumentException("request line " + line + ": a task has no description");
    }
    return new PlannedTask(description, priority, List.copyOf(after), line);
  }

  private static String firstNonNull(String... values) {
    for (String v : values) {
      if (v != null) {
        return v;
      }
    }
    return "";
  }
}
