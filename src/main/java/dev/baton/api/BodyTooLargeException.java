package dev.baton.api;

import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A request body above {@code baton.api.max-body-size}: 413. An IOException so it can leave a
 * stream read.
 */
class BodyTooLargeException extends IOException {
  private final long limit;

  BodyTooLargeException(long limit) {
    super("the request body is larger than " + limit + " bytes (baton.api.max-body-size)");
    this.limit = limit;
  }

  ProblemDetail problem() {
    return ApiProblems.problem(HttpStatus.PAYLOAD_TOO_LARGE, "Body too large", getMessage());
  }

  long limit() {
    return limit;
  }
}
