package dev.baton.process;

/** BPMN error codes that workers throw and the model catches on boundary events. */
public final class ErrorCodes {
  /** Thrown by {@link JobTypes#DISPATCH} when the agent's terminal cannot take the prompt. */
  public static final String AGENT_UNREACHABLE = "AGENT_UNREACHABLE";
  /** Thrown by {@link JobTypes#CHECK_TEST} when the feature's tests fail; may carry {@code failureTail}. */
  public static final String TESTS_FAILED = "TESTS_FAILED";

  private ErrorCodes() {}
}
