package dev.baton.git;

import java.nio.file.Path;
import java.util.List;

/**
 * A git call that did not do what was asked. Subtypes tell a missing binary from a timeout, a
 * refused command and a merge that stopped on conflicts without parsing messages; every message
 * names the repository and the command.
 */
public abstract sealed class GitException extends RuntimeException
    permits GitNotInstalledException,
        GitTimeoutException,
        GitCommandException,
        MergeConflictException {

  private final Path repo;
  private final List<String> command;

  protected GitException(String message, Path repo, List<String> command, Throwable cause) {
    super(message, cause);
    this.repo = repo;
    this.command = List.copyOf(command);
  }

  /** The folder git ran in. */
  public Path repo() {
    return repo;
  }

  /** The arguments after {@code git}. */
  public List<String> command() {
    return command;
  }

  static String shown(List<String> args) {
    return "git " + String.join(" ", args);
  }
}
