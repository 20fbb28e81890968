package dev.baton.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.run.RunRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Baton on a real port, reachable from the network with a token: every protected route,
 * every method and every other spelling of its path (encoded, path parameters, double slashes, dot
 * segments, case, trailing slash) is refused without the token, and no run starts. MockMvc would
 * skip the container's own path handling, which is exactly what these spellings play with.
 */
class TokenBypassTest {
  private static final String TOKEN = "s3cret-token";
  private static final List<String> METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");

  /** The routes these tests know of; {@link #routes()} adds whatever the server maps besides. */
  private static final List<String> KNOWN =
      List.of(
          "/api/runs",
          "/api/runs/run-x",
          "/api/board",
          "/api/agents",
          "/actuator",
          "/actuator/info",
          "/actuator/metrics",
          "/actuator/metrics/jvm.threads.live",
          "/actuator/prometheus");

  @TempDir static Path workdir;
  private static RealServer server;

  @BeforeAll
  static void start() {
    server = RealServer.start(workdir, "--server.address=0.0.0.0", "--baton.api.token=" + TOKEN);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /**
   * Every {@code /api} and {@code /actuator} route the running server maps (controllers and
   * Actuator endpoints), a path variable or {@code **} filled with {@code x}; the health probe is
   * the one route open without the token.
   */
  static Set<String> routes() {
    Set<String> routes = new java.util.TreeSet<>(KNOWN);
    server
        .context()
        .getBeansOfType(
            org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping.class)
        .values()
        .forEach(
            mapping ->
                mapping.getHandlerMethods().keySet().stream()
                    .flatMap(info -> info.getPatternValues().stream())
                    .filter(p -> p.startsWith("/api") || p.startsWith("/actuator"))
                    .filter(p -> !p.startsWith("/actuator/health"))
                    .map(p -> p.replaceAll("\\{[^}]*}", "x").replace("/**", "/x"))
                    .forEach(routes::add));
    return routes;
  }

  /** Other spellings of a path that a container or Spring MVC may take for the same route. */
  static Set<String> spellings(String path) {
    String[] segments = path.substring(1).split("/");
    String first = segments[0];
    String rest = path.substring(1 + first.length()); // "" or "/..."
    Set<String> out = new LinkedHashSet<>();
    out.add(path);
    out.add(path + "/");
    out.add(path + "//");
    out.add(path + "/.");
    out.add(path + ";x");
    out.add(path + ";");
    out.add("/" + first + ";x" + rest);
    out.add("/" + first + ";" + rest);
    out.add("/" + first + ";jsessionid=1" + rest);
    out.add("/;x/" + path.substring(1));
    out.add("/" + encodeFirst(first, false) + rest);
    out.add("/" + encodeFirst(first, true) + rest);
    out.add("/" + encodeAll(first) + rest);
    out.add("/%25" + String.format("%02x", (int) first.charAt(0)) + first.substring(1) + rest);
    out.add("/" + first + "%2F" + (rest.isEmpty() ? "" : rest.substring(1)));
    out.add("/" + first + "%2f" + (rest.isEmpty() ? "" : rest.substring(1)));
    out.add("/" + first + "%252F" + (rest.isEmpty() ? "" : rest.substring(1)));
    out.add("/" + first + "\\" + (rest.isEmpty() ? "" : rest.substring(1)));
    out.add("/" + path);
    out.add("/" + first + "/" + rest);
    out.add("/x/../" + path.substring(1));
    out.add("/x/%2e%2e/" + path.substring(1));
    out.add("/x/%2E%2E/" + path.substring(1));
    out.add("/x/..;/" + path.substring(1));
    out.add("/./" + path.substring(1));
    out.add("/" + first + "/." + rest);
    out.add("/" + first + "/%2e" + rest);
    out.add("/index.html/../" + path.substring(1));
    out.add("/actuator/health/../../" + path.substring(1));
    out.add("/actuator/health/..;/../" + path.substring(1));
    out.add("/actuator/health/%2e%2e/%2e%2e/" + path.substring(1));
    out.add("/actuator/health;/../../" + path.substring(1));
    out.add(path.toUpperCase(Locale.ROOT));
    out.add("/" + Character.toUpperCase(first.charAt(0)) + first.substring(1) + rest);
    out.add(path + "%00");
    out.add(path + "?x=1");
    out.add(path + "#frag");
    return out;
  }

  private static String encodeFirst(String segment, boolean upper) {
    String hex = String.format(upper ? "%%%02X" : "%%%02x", (int) segment.charAt(0));
    return hex + segment.substring(1);
  }

  private static String encodeAll(String segment) {
    StringBuilder b = new StringBuilder();
    segment.chars().forEach(c -> b.append(String.format("%%%02X", c)));
    return b.toString();
  }

  @Test
  void everyProtectedRouteMethodAndSpellingNeedsTheToken() throws Exception {
    List<String> let = new ArrayList<>();
    int tried = 0;
    Set<String> routes = routes();
    assertThat(routes).containsAll(KNOWN).contains("/actuator/metrics/x");
    for (String route : routes) {
      for (String spelling : spellings(route)) {
        for (String method : METHODS) {
          String body =
              method.equals("POST") || method.equals("PUT") || method.equals("PATCH")
                  ? "{\"request\":\"- a\"}"
                  : null;
          RawHttp.Response r = RawHttp.send(server.port(), method, spelling, null, body);
          tried++;
          // Tomcat itself refuses TRACE (405) before any filter runs: that answers nothing either
          boolean refused =
              r.status() == 401
                  || r.status() == 400
                  || (method.equals("TRACE") && r.status() == 405);
          if (!refused) {
            let.add(method + " " + spelling + " -> " + r.status());
          }
        }
      }
    }
    assertThat(let).as("answered without a token (of %d requests to %s)", tried, routes).isEmpty();
    assertThat(server.context().getBean(RunRegistry.class).all()).as("runs started").isEmpty();
  }

  @Test
  void theTokenOpensTheRoutesAndTheProbeAndPageNeedNone() throws Exception {
    assertThat(RawHttp.send(server.port(), "GET", "/api/runs", TOKEN, null).status())
        .isEqualTo(200);
    assertThat(RawHttp.send(server.port(), "GET", "/actuator/prometheus", TOKEN, null).status())
        .isEqualTo(200);
    assertThat(RawHttp.send(server.port(), "POST", "/api/runs", TOKEN, "{\"request\":5}").status())
        .isEqualTo(400);
    assertThat(RawHttp.send(server.port(), "GET", "/api/runs", "wrong", null).status())
        .isEqualTo(401);
    for (String open : List.of("/", "/index.html")) {
      assertThat(RawHttp.send(server.port(), "GET", open, null, null).status())
          .as(open)
          .isEqualTo(200);
      assertThat(RawHttp.send(server.port(), "HEAD", open, null, null).status())
          .as(open)
          .isEqualTo(200);
    }
    // the probe answers (DOWN here: no tmux), without the token
    assertThat(RawHttp.send(server.port(), "GET", "/actuator/health", null, null).status())
        .isIn(200, 503);
    assertThat(RawHttp.send(server.port(), "GET", "/actuator/health/liveness", null, null).status())
        .isIn(200, 404, 503);
    // but only to read it
    assertThat(RawHttp.send(server.port(), "POST", "/actuator/health", null, "{}").status())
        .isEqualTo(401);
    assertThat(RawHttp.send(server.port(), "POST", "/", null, "{}").status()).isEqualTo(401);
    RawHttp.Response refused = RawHttp.send(server.port(), "GET", "/%61pi/runs", null, null);
    assertThat(refused.head()).containsIgnoringCase("WWW-Authenticate: Bearer");
    assertThat(refused.body()).contains("Authorization: Bearer");
  }
}
