package dev.baton.process;

/**
 * Names of the messages the model waits for. The correlation key is the task id (or the test task
 * id in the test phase) for the first two, the run id for {@link #BOARD_CHANGED}.
 */
public final class Messages {
  /** A task row changed status on the board; key: task id or test task id. */
  public static final String TASK_STATUS_CHANGED = "task-status-changed";

  /** An agent became free; key: the id of the task (or test task) waiting for one. */
  public static final String AGENT_AVAILABLE = "agent-available";

  /**
   * The agent holding a task has sat idle on it (its row still open) for {@code baton.idle-nudge};
   * key: task id. Counted by the model apart from the silent polls ({@code idleNudges} against
   * {@code idleNudgeLimit}).
   */
  public static final String AGENT_IDLE = "agent-idle";

  /** The board file changed while the lead agent plans; key: run id. */
  public static final String BOARD_CHANGED = "board-changed";

  private Messages() {}
}
