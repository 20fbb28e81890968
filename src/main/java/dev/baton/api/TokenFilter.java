package dev.baton.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * When {@code baton.api.token} is set, every request must carry {@code Authorization: Bearer
 * <token>}, except a {@code GET} or {@code HEAD} of the status page ({@code /} and its static
 * files) and of the health probe.
 *
 * <p>Default deny, decided on the path as it arrived: the container and Spring MVC each decode
 * ({@code %61pi}), drop path parameters ({@code ;x}), merge slashes and resolve dot segments in
 * their own way, so a check on one normalised form can be walked around with another. Here only a
 * handful of exact, plain paths are open; any other spelling of them, and every other path on any
 * method, needs the token.
 */
class TokenFilter extends OncePerRequestFilter {
  private static final String BEARER = "Bearer ";

  /** The page's own files: one plain segment with a static extension. */
  private static final Pattern STATIC_FILE =
      Pattern.compile("/[A-Za-z0-9_-]+\\.(?:html|js|css|ico|svg|png|webmanifest)");

  /**
   * Health groups and components ({@code /actuator/health/liveness}, {@code
   * /actuator/health/engine}).
   */
  private static final Pattern PLAIN_SEGMENTS = Pattern.compile("(?:/[A-Za-z0-9_-]+)+");

  private final ApiProperties properties;
  private final ProblemResponses problems;
  private final String healthPath;

  /**
   * @param endpointsBasePath {@code management.endpoints.web.base-path} ({@code /actuator}): where
   *     the health probe lives
   */
  TokenFilter(ApiProperties properties, ProblemResponses problems, String endpointsBasePath) {
    this.properties = properties;
    this.problems = problems;
    String base = endpointsBasePath == null ? "" : endpointsBasePath.strip();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    this.healthPath = (base.isEmpty() || base.startsWith("/") ? base : "/" + base) + "/health";
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !properties.hasToken();
  }

  /** Whether a request may go without the token: only these exact paths, only to read them. */
  boolean open(HttpServletRequest request) {
    String method = request.getMethod();
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      return false;
    }
    String uri = request.getRequestURI();
    String context = request.getContextPath();
    if (uri == null || context == null || !uri.startsWith(context)) {
      return false;
    }
    String path = uri.substring(context.length());
    if (path.equals("/")
        || (path.isEmpty() && !context.isEmpty())
        || STATIC_FILE.matcher(path).matches()) {
      return true;
    }
    return path.equals(healthPath)
        || (path.startsWith(healthPath + "/")
            && PLAIN_SEGMENTS.matcher(path.substring(healthPath.length())).matches());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (open(request)) {
      chain.doFilter(request, response);
      return;
    }
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
