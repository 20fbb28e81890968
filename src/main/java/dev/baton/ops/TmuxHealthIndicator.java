package dev.baton.ops;

import dev.baton.agents.TmuxProperties;
import java.util.List;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * "tmux": tmux can be run and, when {@code baton.tmux.socket} names the agents' server, that server
 * is up. Without tmux Baton cannot reach a single agent, so a missing binary is DOWN, not a
 * warning.
 */
@Component
class TmuxHealthIndicator implements HealthIndicator {
  private final OpsProperties properties;
  private final TmuxProperties tmuxSettings;

  TmuxHealthIndicator(OpsProperties properties, TmuxProperties tmuxSettings) {
    this.properties = properties;
    this.tmuxSettings = tmuxSettings;
  }

  @Override
  public Health health() {
    String tmux = properties.tmuxBinary();
    TmuxProbe.Outcome version = TmuxProbe.run(List.of(tmux, "-V"), properties.probeTimeout());
    if (!version.ok()) {
      return Health.down()
          .withDetail("binary", tmux)
          .withDetail(
              "reason",
              version.exitCode() == -1 ? "tmux cannot be run (is it installed?)" : version.output())
          .build();
    }
    Health.Builder health = Health.up().withDetail("version", version.output());
    String socket = tmuxSettings.socket();
    if (socket != null && !socket.isBlank()) {
      TmuxProbe.Outcome sessions =
          TmuxProbe.run(
              List.of(tmux, "-L", socket, "list-sessions", "-F", "#{session_name}"),
              properties.probeTimeout());
      health = sessions.ok() ? health : Health.down().withDetail("version", version.output());
      health.withDetail("socket", socket);
      if (sessions.ok()) {
        health.withDetail("sessions", sessions.output().lines().toList());
      } else {
        health.withDetail("reason", "no tmux server on socket '" + socket + "'");
      }
    }
    return health.build();
  }
}
