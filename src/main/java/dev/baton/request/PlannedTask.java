package dev.baton.request;

import java.util.List;

/**
 * One task read from a request, before it has an id.
 *
 * @param priority LOW, MED or HIGH
 * @param after ids of tasks that must be COMPLETED first ({@code T-002}); references to earlier
 *     items of the same request ({@code #2}) are kept as {@code #2} until ids are given out
 * @param line line of the request the task came from, for error messages
 */
public record PlannedTask(String description, String priority, List<String> after, int line) {
  public PlannedTask {
    after = List.copyOf(after);
  }
}
