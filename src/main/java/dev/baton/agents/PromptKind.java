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
  PLAN;

  public String fileName() {
    return name().toLowerCase(Locale.ROOT) + ".txt";
  }
}
