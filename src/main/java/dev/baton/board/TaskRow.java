package dev.baton.board;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One row of the Task Assignment Queue.
 *
 * @param id the task id
 * @param task description, with {@code \|} already unescaped
 * @param assignedTo who works on it, e.g. {@code AMP (w4)}; empty when nobody
 * @param priority null when the cell is missing, empty or not a known priority
 * @param status the normalised status
 * @param statusText what the cell said (kept so that {@code ✅ Done} is not lost on display)
 * @param created the Created cell as written (normally an ISO date); empty when missing
 * @param extra cells of columns the seed does not define, by header text, in header order
 */
public record TaskRow(
    TaskId id,
    String task,
    String assignedTo,
    Priority priority,
    TaskStatus status,
    String statusText,
    String created,
    Map<String, String> extra) {

  public TaskRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    task = Objects.requireNonNullElse(task, "");
    assignedTo = Objects.requireNonNullElse(assignedTo, "");
    statusText = statusText == null || statusText.isBlank() ? status.name() : statusText;
    created = Objects.requireNonNullElse(created, "");
    extra =
        extra == null || extra.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  public static TaskRow of(
      TaskId id,
      String task,
      String assignedTo,
      Priority priority,
      TaskStatus status,
      String created) {
    return new TaskRow(id, task, assignedTo, priority, status, status.name(), created, Map.of());
  }

  public TaskRow withStatus(TaskStatus newStatus) {
    return new TaskRow(id, task, assignedTo, priority, newStatus, newStatus.name(), created, extra);
  }

  public TaskRow withAssignedTo(String who) {
    return new TaskRow(id, task, who, priority, status, statusText, created, extra);
  }
}
