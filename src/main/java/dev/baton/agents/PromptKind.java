package dev.baton.agents;

import java.util.Locale;

/** The prompt variants of the method, one template file each ({@code <kind>.txt}). */
public enum PromptKind {
  /** A new task. */
  TASK,
  /** A task taken from another agent. */
  REASSIGNED,
  /** A BLOCKED task sent back with the reason. */
  UNBLOCK,
  /** Run the tests of a feature and report PASSED/FAILED. */
  TEST,
  /** Fix a feature whose tests failed. */
  FIX,
  /** Ask the lead to split a request into tasks. */
  PLAN,
  /**
   * Resolve the merge conflict a finished task ran into in the agent's worktree (worktree
   * isolation).
   */
  RESOLVE,
  /**
   * The line put before every prompt in worktree isolation: which folder to work in, where the
   * board is.
   */
  WORKTREE;

  public String fileName() {
    return name().toLowerCase(Locale.ROOT) + ".txt";
  }
}
