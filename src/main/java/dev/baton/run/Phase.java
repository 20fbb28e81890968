package dev.baton.run;

/**
 * The five phases of the method, plus the ends a run can reach. Names match the model's
 * sub-processes.
 */
public enum Phase {
  DECOMPOSE("1. Decompose"),
  DISTRIBUTE("2. Distribute"),
  POLL("3. Poll & redistribute"),
  TEST("4. Test (Ralph)"),
  REPORT("5. Final report"),
  DONE("Done"),
  FAILED("Failed"),
  CANCELLED("Cancelled");

  private final String label;

  Phase(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public boolean finished() {
    return this == DONE || this == FAILED || this == CANCELLED;
  }
}
