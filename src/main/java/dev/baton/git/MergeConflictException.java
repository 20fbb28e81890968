package dev.baton.git;

import java.nio.file.Path;
import java.util.List;

/**
 * A merge stopped on conflicts; the working tree is left mid-merge with {@link #files()} unmerged.
 */
public final class MergeConflictException extends GitException {
  private final List<String> files;

  MergeConflictException(Path repo, List<String> command, List<String> files) {
    super(
        "'"
            + shown(command)
            + "' in "
            + repo
            + " stopped on conflicts in "
            + String.join(", ", files),
        repo,
        command,
        null);
    this.files = List.copyOf(files);
  }

  /** The conflicting paths, relative to the worktree. */
  public List<String> files() {
    return files;
  }
}
