package dev.baton.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the API as an RFC 7807 problem whose detail is one sentence a person can act on.
 */
@RestControllerAdvice(assignableTypes = {RunsController.class, BoardController.class})
class ApiProblems extends ResponseEntityExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ApiProblems.class);

  static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setTitle(title);
    return p;
  }

  @ExceptionHandler(UnknownRunException.class)
  ProblemDetail unknownRun(UnknownRunException e) {
    return problem(HttpStatus.NOT_FOUND, "Unknown run", e.getMessage());
  }

  @ExceptionHandler(RunCancellation.RunAlreadyEndedException.class)
  ProblemDetail ended(RunCancellation.RunAlreadyEndedException e) {
    return problem(HttpStatus.CONFLICT, "Run already ended", e.getMessage());
  }

  @ExceptionHandler(FieldProblem.class)
  ProblemDetail field(FieldProblem e) {
    ProblemDetail p =
        problem(HttpStatus.BAD_REQUEST, "Invalid field", e.field() + ": " + e.getMessage());
    p.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
    return p;
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail invalid(IllegalArgumentException e) {
    return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
  }

  @ExceptionHandler(ViewUnavailableException.class)
  ProblemDetail unavailable(ViewUnavailableException e) {
    return problem(HttpStatus.SERVICE_UNAVAILABLE, "Not available", e.getMessage());
  }

  @ExceptionHandler(RuntimeException.class)
  ProblemDetail unexpected(RuntimeException e) {
    LOG.error("API request failed", e);
    return problem(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "Internal error",
        "Baton could not do this: " + e.getClass().getSimpleName() + ": " + e.getMessage());
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<Map<String, String>> errors =
        ex.getBindingResult().getFieldErrors().stream()
            .map(
                f ->
                    Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())))
            .toList();
    String detail =
        errors.stream()
            .map(e -> e.get("field") + ": " + e.get("message"))
            .collect(Collectors.joining("; "));
    ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid field", detail);
    p.setProperty("errors", errors);
    return ResponseEntity.badRequest().body(p);
  }

  /** What the field should have held, in words rather than Jackson's class names. */
  private static String expectation(JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      return "is not a field of this request (known: "
          + unknown.getKnownPropertyIds().stream()
              .map(String::valueOf)
              .sorted()
              .collect(Collectors.joining(", "))
          + ")";
    }
    if (e instanceof InvalidFormatException format
        && format.getTargetType() == java.time.Duration.class) {
      return "'" + format.getValue() + "' is not a duration like \"PT30S\" or \"30s\"";
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      Class<?> target = mismatch.getTargetType();
      if (target == String.class) {
        return "must be a string";
      }
      if (target == Integer.class
          || target == int.class
          || target == Long.class
          || target == long.class) {
        return "must be a whole number";
      }
      if (target == java.time.Duration.class) {
        return "must be a duration as a string, like \"PT30S\" or \"30s\"";
      }
      if (java.util.Collection.class.isAssignableFrom(target)) {
        return "must be a list";
      }
      if (target.isRecord()) {
        return "must be an object";
      }
    }
    return e.getOriginalMessage().lines().findFirst().orElse("has a wrong type");
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof BodyTooLargeException tooLarge) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(tooLarge.problem());
      }
    }
    String detail = "the body is not valid JSON for this request";
    Throwable cause = ex.getCause();
    if (cause instanceof MismatchedInputException mismatch
        && mismatch.getOriginalMessage() != null
        && mismatch.getOriginalMessage().startsWith("Trailing token")) {
      detail = "the body must be one JSON object with nothing after it";
    } else if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field =
          mapping.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
      detail = field + ": " + expectation(mapping);
      ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid field", detail);
      p.setProperty("errors", List.of(Map.of("field", field, "message", expectation(mapping))));
      return ResponseEntity.badRequest().body(p);
    } else if (cause instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
      detail =
          "the body is not valid JSON: " + json.getOriginalMessage().lines().findFirst().orElse("");
    }
    ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Unreadable body", detail);
    p.setType(URI.create("about:blank"));
    return ResponseEntity.badRequest().body(p);
  }
}
