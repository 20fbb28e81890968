package dev.baton.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.agents.TmuxProperties;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

class TmuxHealthIndicatorTest {
  private static OpsProperties props(String binary) {
    return new OpsProperties(binary, Duration.ofSeconds(3));
  }

  private static TmuxHealthIndicator indicator(String binary, String socket) {
    return new TmuxHealthIndicator(
        props(binary), TmuxProperties.defaults().withSession("baton", socket));
  }

  @Test
  void missingTmuxIsDown() {
    var health = indicator("/nonexistent/bin/tmux", null).health();
    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails().get("reason")).asString().contains("is it installed");
  }

  @Test
  void installedTmuxIsUp() {
    var health = indicator("tmux", null).health();
    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails().get("version")).asString().startsWith("tmux ");
  }

  @Test
  void socketWithoutServerIsDownAndWithServerIsUp() {
    String socket = "baton-health-" + UUID.randomUUID().toString().substring(0, 8);
    var down = indicator("tmux", socket).health();
    assertThat(down.getStatus()).isEqualTo(Status.DOWN);
    assertThat(down.getDetails().get("reason")).asString().contains(socket);
    try {
      assertThat(
              TmuxProbe.run(
                      List.of("tmux", "-L", socket, "new-session", "-d", "-s", "probe"),
                      Duration.ofSeconds(5))
                  .ok())
          .isTrue();
      var up = indicator("tmux", socket).health();
      assertThat(up.getStatus()).isEqualTo(Status.UP);
      assertThat(up.getDetails().get("sessions")).isEqualTo(List.of("probe"));
    } finally {
      new dev.baton.tmux.TmuxClient(socket, Duration.ofSeconds(5)).killServer();
    }
  }

  @Test
  void socketNamesThatCouldReachAShellAreRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> indicator("tmux", "x; rm -rf /"))
        .hasMessageContaining("baton.tmux.socket");
  }
}
