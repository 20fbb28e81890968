package dev.baton.api;

/** A request field with a value Baton cannot use: 400 naming the field. */
public class FieldProblem extends RuntimeException {
  private final String field;

  public FieldProblem(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
