package dev.baton.board;

/**
 * One thing {@link BoardStore#reconcile()} put back.
 *
 * @param taskId the task concerned (null for the progress line)
 * @param kind what was put back
 * @param from status before the repair (null when the row was missing or unreadable)
 * @param to status after it (null when the repair is not about a status)
 * @param detail a sentence for the log
 */
public record Repair(TaskId taskId, Kind kind, TaskStatus from, TaskStatus to, String detail) {

  /**
   * One sentence for logs and progress output, e.g. {@code T-003 restored to COMPLETED: AMP logged
   * it ...}.
   */
  public String describe() {
    String what =
        switch (kind) {
          case ROW_RESTORED_FROM_LOG, ROW_RESTORED_FROM_HISTORY -> "row re-created";
          case STATUS_RESTORED_FROM_LOG, STATUS_RESTORED_FROM_HISTORY -> "status restored";
          case LOG_LINE_RESTORED_FROM_HISTORY -> "completion log line restored";
          case BATON_WRITE_RESTORED -> "Baton's change written again";
        };
    String status =
        to == null ? "" : (from == null ? " as " + to : " (" + from + " -> " + to + ")");
    return (taskId == null ? "board" : taskId.value()) + ": " + what + status + ": " + detail;
  }

  @Override
  public String toString() {
    return describe();
  }

  public enum Kind {
    /** The queue row had vanished; it was re-created from the completion log. */
    ROW_RESTORED_FROM_LOG,
    /** The queue row had lost an agent's COMPLETED/BLOCKED; the completion log had it. */
    STATUS_RESTORED_FROM_LOG,
    /** The row had vanished; Baton had read it COMPLETED/BLOCKED earlier and re-created it so. */
    ROW_RESTORED_FROM_HISTORY,
    /**
     * The row had gone back from a COMPLETED/BLOCKED Baton read earlier, without Baton changing it.
     */
    STATUS_RESTORED_FROM_HISTORY,
    /**
     * A completion-log line an earlier read saw had been erased by a stale write; it was appended
     * again.
     */
    LOG_LINE_RESTORED_FROM_HISTORY,
    /**
     * An agent's write based on an older read erased something Baton wrote; it was written again.
     */
    BATON_WRITE_RESTORED
  }
}
