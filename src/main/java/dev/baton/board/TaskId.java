package dev.baton.board;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task identifier such as {@code T-007}. The number, not the spelling, orders ids, so that {@code
 * T-1000} comes after {@code T-999} and the next id is always the highest one plus one.
 */
public record TaskId(String value) implements Comparable<TaskId> {

  private static final Pattern EXACT = Pattern.compile("T-(\\d{3,})");
  private static final Pattern ANYWHERE = Pattern.compile("(?<![A-Za-z0-9])T-(\\d{3,})(?![0-9])");

  public TaskId {
    if (value == null || !EXACT.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "not a task id (expected T- and 3 or more digits): " + value);
    }
  }

  public static TaskId of(int number) {
    if (number < 0) {
      throw new IllegalArgumentException("negative task number " + number);
    }
    return new TaskId("T-%03d".formatted(number));
  }

  /** The id written exactly (after trimming and dropping bold/code markers), if it is one. */
  public static Optional<TaskId> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.strip().replace("*", "").replace("`", "").strip();
    return EXACT.matcher(t).matches() ? Optional.of(new TaskId(t)) : Optional.empty();
  }

  /** The first id mentioned anywhere in a piece of text (a log's task cell may add a title). */
  public static Optional<TaskId> find(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = ANYWHERE.matcher(text);
    return m.find() ? Optional.of(new TaskId(m.group())) : Optional.empty();
  }

  public long number() {
    return Long.parseLong(value.substring(2));
  }

  public TaskId next() {
    return of(Math.toIntExact(number() + 1));
  }

  @Override
  public int compareTo(TaskId o) {
    int c = Long.compare(number(), o.number());
    return c != 0 ? c : value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
