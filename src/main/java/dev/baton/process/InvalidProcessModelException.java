package dev.baton.process;

import java.nio.file.Path;
import java.util.List;

/**
 * The process model file cannot be used: it does not parse, or the engine would reject it. The
 * message names the file and, when known, the element id and line, so a person editing the model in
 * the Modeler knows where to look.
 */
public final class InvalidProcessModelException extends RuntimeException {
  private final Path file;
  private final List<Problem> problems;

  /**
   * One thing wrong with the model; {@code elementId} is null and {@code line} is 0 when unknown.
   */
  public record Problem(String elementId, int line, String message) {
    @Override
    public String toString() {
      StringBuilder where = new StringBuilder();
      if (line > 0) {
        where.append("line ").append(line);
      }
      if (elementId != null) {
        where
            .append(where.isEmpty() ? "" : ", ")
            .append("element '")
            .append(elementId)
            .append('\'');
      }
      return where.isEmpty() ? message : where + ": " + message;
    }
  }

  public InvalidProcessModelException(Path file, List<Problem> problems, Throwable cause) {
    super(describe(file, problems), cause);
    this.file = file;
    this.problems = List.copyOf(problems);
  }

  public Path file() {
    return file;
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String describe(Path file, List<Problem> problems) {
    StringBuilder text = new StringBuilder("Invalid process model ").append(file);
    if (problems.size() == 1) {
      return text.append(": ").append(problems.get(0)).toString();
    }
    text.append(" (").append(problems.size()).append(" problems):");
    problems.forEach(problem -> text.append(System.lineSeparator()).append("  - ").append(problem));
    return text.toString();
  }
}
