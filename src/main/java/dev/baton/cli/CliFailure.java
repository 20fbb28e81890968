package dev.baton.cli;

/**
 * A command cannot go on: its message is the one sentence the person reads, its code the process
 * exit code.
 */
public class CliFailure extends RuntimeException {
  private final int exitCode;

  public CliFailure(int exitCode, String sentence) {
    super(sentence);
    this.exitCode = exitCode;
  }

  public CliFailure(int exitCode, String sentence, Throwable cause) {
    super(sentence, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
