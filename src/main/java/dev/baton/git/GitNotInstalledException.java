package dev.baton.git;

import java.nio.file.Path;
import java.util.List;

/** No {@code git} program could be started. */
public final class GitNotInstalledException extends GitException {
  GitNotInstalledException(Path repo, List<String> command, Throwable cause) {
    super(
        "git could not be started for '"
            + shown(command)
            + "' in "
            + repo
            + " (is git installed and on the PATH?): "
            + cause.getMessage(),
        repo,
        command,
        cause);
  }
}
