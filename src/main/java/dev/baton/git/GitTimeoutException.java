package dev.baton.git;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A git call ran longer than its limit and was stopped. */
public final class GitTimeoutException extends GitException {
  GitTimeoutException(Path repo, List<String> command, Duration limit) {
    super(
        "'"
            + shown(command)
            + "' in "
            + repo
            + " did not finish within "
            + limit
            + " and was stopped",
        repo,
        command,
        null);
  }
}
