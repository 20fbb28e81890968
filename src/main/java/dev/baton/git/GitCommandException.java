package dev.baton.git;

import java.nio.file.Path;
import java.util.List;

/** git ran and refused: a non-zero exit code; {@link #stderr()} keeps git's own words. */
public final class GitCommandException extends GitException {
  private final int exitCode;
  private final String stderr;

  GitCommandException(Path repo, List<String> command, int exitCode, String stderr) {
    super(
        "'"
            + shown(command)
            + "' failed in "
            + repo
            + " (exit "
            + exitCode
            + ")"
            + (stderr.isBlank() ? "" : ": " + stderr.strip().lines().findFirst().orElse("")),
        repo,
        command,
        null);
    this.exitCode = exitCode;
    this.stderr = stderr;
  }

  public int exitCode() {
    return exitCode;
  }

  public String stderr() {
    return stderr;
  }
}
