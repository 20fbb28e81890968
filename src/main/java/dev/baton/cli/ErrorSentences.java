package dev.baton.cli;

import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.validation.FieldError;

/** Turns an exception chain into the one sentence a person needs: the deepest cause that says something. */
final class ErrorSentences {
  private ErrorSentences() {}

  static String of(Throwable error) {
    String best = null;
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof CliFailure) {
        return t.getMessage();
      }
      if (t instanceof BindValidationException invalid) {
        return invalid.getValidationErrors().getAllErrors().stream()
            .map(
                e ->
                    e instanceof FieldError f
                        ? invalid.getValidationErrors().getName() + "." + f.getField() + " " + f.getDefaultMessage()
                        : e.getDefaultMessage())
            .collect(Collectors.joining("; "));
      }
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        best = t.getMessage();
      }
      if (t.getCause() == t) {
        break;
      }
    }
    if (best == null) {
      return error.getClass().getSimpleName();
    }
    String first = best.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(best);
    return first.length() > 400 ? first.substring(0, 400) + "…" : first;
  }
}
