package dev.baton.board;

import java.util.Objects;

/**
 * One row of the Task Completion Log ({@code | Date | Agent | Task | Status | Note |}).
 *
 * @param date as written
 * @param agent who reported
 * @param task the Task cell as written (agents sometimes add a title after the id)
 * @param taskId the first task id found in the Task cell, or null when there is none
 * @param status the normalised status, or null when unrecognised
 * @param statusText the Status cell as written
 * @param note free text
 */
public record LogEntry(
    String date,
    String agent,
    String task,
    TaskId taskId,
    TaskStatus status,
    String statusText,
    String note) {

  public LogEntry {
    date = Objects.requireNonNullElse(date, "");
    agent = Objects.requireNonNullElse(agent, "");
    task = Objects.requireNonNullElse(task, taskId == null ? "" : taskId.value());
    statusText =
        statusText == null || statusText.isBlank()
            ? (status == null ? "" : status.name())
            : statusText;
    note = Objects.requireNonNullElse(note, "");
  }

  public static LogEntry of(
      String date, String agent, TaskId taskId, TaskStatus status, String note) {
    return new LogEntry(date, agent, taskId.value(), taskId, status, status.name(), note);
  }
}
