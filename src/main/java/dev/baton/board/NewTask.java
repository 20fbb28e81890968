package dev.baton.board;

import java.util.Objects;

/** A task Baton is about to add; the store gives it the next id and today's date. */
public record NewTask(String description, Priority priority, String assignedTo, TaskStatus status) {

  public NewTask {
    Objects.requireNonNull(description, "description");
    assignedTo = Objects.requireNonNullElse(assignedTo, "");
    status = Objects.requireNonNullElse(status, TaskStatus.PENDING);
  }

  public static NewTask pending(String description, Priority priority) {
    return new NewTask(description, priority, "", TaskStatus.PENDING);
  }
}
