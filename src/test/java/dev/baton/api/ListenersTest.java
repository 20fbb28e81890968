package dev.baton.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every socket a Baton opens follows one rule: on loopback unless told otherwise, and then behind
 * the token. Read from {@code /proc} (what {@code ss -ltnp} shows) as the sockets this process
 * listens on after a Baton started, less those it listened on before.
 */
class ListenersTest {
  private static final String TOKEN = "s3cret-token";

  private static Set<Listeners.Listener> opened(Set<Listeners.Listener> before) {
    Set<Listeners.Listener> now = new LinkedHashSet<>(Listeners.ofThisProcess());
    now.removeAll(before);
    return now;
  }

  @Test
  void withItsOwnManagementPortEveryListenerIsOnLoopback(@TempDir Path workdir) throws Exception {
    Set<Listeners.Listener> before = Listeners.ofThisProcess();
    try (RealServer server = RealServer.start(workdir, "--management.server.port=0")) {
      Set<Listeners.Listener> opened = opened(before);
      // the API, the Actuator's own port and the engine's gateway at least
      assertThat(opened)
          .extracting(Listeners.Listener::port)
          .contains(server.port(), server.managementPort());
      assertThat(opened.size()).isGreaterThanOrEqualTo(3);
      assertThat(opened).allSatisfy(l -> assertThat(l.loopback()).as(l.toString()).isTrue());
      // loopback and no token: the metrics answer, as on the API's port
      assertThat(
              RawHttp.send(server.managementPort(), "GET", "/actuator/prometheus", null, null)
                  .status())
          .isEqualTo(200);
    }
  }

  @Test
  void reachableFromTheNetworkTheManagementPortAsksForTheTokenToo(@TempDir Path workdir)
      throws Exception {
    Set<Listeners.Listener> before = Listeners.ofThisProcess();
    try (RealServer server =
        RealServer.start(
            workdir,
            "--server.address=0.0.0.0",
            "--baton.api.token=" + TOKEN,
            "--management.server.port=0")) {
      Set<Listeners.Listener> opened = opened(before);
      Listeners.Listener management =
          opened.stream()
              .filter(l -> l.port() == server.managementPort())
              .findFirst()
              .orElseThrow();
      assertThat(management.address().isAnyLocalAddress()).as("follows server.address").isTrue();
      assertThat(opened)
          .filteredOn(l -> l.port() != server.port() && l.port() != server.managementPort())
          .as("the engine's gateway")
          .allSatisfy(l -> assertThat(l.loopback()).as(l.toString()).isTrue());

      int port = server.managementPort();
      for (String path :
          new String[] {
            "/actuator/prometheus",
            "/actuator;x/prometheus",
            "/actuator/%70rometheus",
            "/actuator/health/../prometheus",
            "/actuator/metrics",
            "/actuator"
          }) {
        assertThat(RawHttp.send(port, "GET", path, null, null).status()).as(path).isIn(400, 401);
      }
      assertThat(RawHttp.send(port, "GET", "/actuator/prometheus", TOKEN, null).status())
          .isEqualTo(200);
      assertThat(RawHttp.send(port, "GET", "/actuator/health", null, null).status()).isIn(200, 503);
    }
  }
}
