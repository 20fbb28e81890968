package dev.baton.board;

/**
 * A task's status as read from its queue row changed (or a row appeared).
 *
 * @param taskId the task
 * @param from the status before; null when the row is new
 * @param to the status now
 * @param row the row now
 */
public record TaskChange(TaskId taskId, TaskStatus from, TaskStatus to, TaskRow row) {

  @Override
  public String toString() {
    return "task " + taskId + " changed from " + (from == null ? "(new)" : from) + " to " + to;
  }
}
