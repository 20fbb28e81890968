package dev.baton.isolation;

/**
 * How agents share the code: one working tree (the method's way) or a git worktree and branch each.
 */
public enum Isolation {
  /** Every agent works in the workdir itself. */
  SHARED,
  /**
   * Each agent works in its own worktree; Baton merges finished tasks into the run's integration
   * branch.
   */
  WORKTREE;

  /** The value the model reads in its {@code isolation} variable. */
  public String variable() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
