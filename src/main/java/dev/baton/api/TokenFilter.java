package dev.baton.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * When {@code baton.api.token} is set, every request to the API and to the Actuator (except the health probe)
 * must carry {@code Authorization: Bearer <token>}. The page at {@code /} is static and asks for the token itself.
 */
class TokenFilter extends OncePerRequestFilter {
  private static final String BEARER = "Bearer ";

  private final ApiProperties properties;
  private final ProblemResponses problems;

  TokenFilter(ApiProperties properties, ProblemResponses problems) {
    this.properties = properties;
    this.problems = problems;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    if (!properties.hasToken()) {
      return true;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean guarded = path.startsWith("/api/") || path.equals("/api") || path.startsWith("/actuator");
    boolean probe = path.equals("/actuator/health") || path.startsWith("/actuator/health/");
    return !guarded || probe;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    String presented =
        header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
            ? header.substring(BEARER.length()).strip()
            : null;
    if (!properties.accepts(presented)) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"baton\"");
      problems.write(
          request,
          response,
          ApiProblems.problem(
              HttpStatus.UNAUTHORIZED,
              "Token required",
              presented == null
                  ? "this Baton requires 'Authorization: Bearer <token>' (baton.api.token)"
                  : "the bearer token is wrong"));
      return;
    }
    chain.doFilter(request, response);
  }
}
