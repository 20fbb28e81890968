package dev.baton.isolation;

/**
 * A worktree run asked to start while the workdir has uncommitted changes its worktrees would not
 * see.
 */
public final class DirtyTreeException extends IllegalArgumentException {
  DirtyTreeException(String message) {
    super(message);
  }
}
