package dev.baton.process;

/** BPMN error codes that workers throw and the model catches on boundary events. */
public final class ErrorCodes {
  /**
   * Thrown by every step that types into an agent's pane ({@link JobTypes#DISPATCH}, {@link
   * JobTypes#REQUEST_TEST}, {@link JobTypes#FIX}, {@link JobTypes#INTERRUPT_TESTER}) when the pane
   * cannot take the prompt; carries {@code agent}.
   */
  public static final String AGENT_UNREACHABLE = "AGENT_UNREACHABLE";

  /**
   * Thrown by {@link JobTypes#CHECK_TEST} when the feature's tests fail; may carry {@code
   * failureTail}.
   */
  public static final String TESTS_FAILED = "TESTS_FAILED";

  /** Thrown inside "2. Distribute" when a task waits for one that is no longer on the board. */
  public static final String DEPENDENCY_GONE = "DEPENDENCY_GONE";

  /**
   * The run cannot reach its end (the agents' tmux server is gone, or nothing moved for {@code
   * stallLimit}); caught by the process-level "run cannot go on" sub-process. Carries {@link
   * Variables#FAILURE_REASON}.
   */
  public static final String RUN_FAILED = "RUN_FAILED";

  /**
   * Thrown by a step about to send a task's prompt when that prompt would pass {@code
   * baton.max-prompts-per-task} or {@code baton.max-prompts-per-run}; carries {@link
   * Variables#GUARD_REASON}. The model gives the task up.
   */
  public static final String GUARD_HIT = "GUARD_HIT";

  private ErrorCodes() {}
}
