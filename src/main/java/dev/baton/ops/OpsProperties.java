package dev.baton.ops;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the health probes.
 *
 * @param tmuxBinary tmux program the probe runs (a path, or a name looked up on PATH)
 * @param probeTimeout longest a probe may take before it counts as DOWN
 */
@ConfigurationProperties("baton.ops")
public record OpsProperties(
    @DefaultValue("tmux") String tmuxBinary, @DefaultValue("2s") Duration probeTimeout) {

  public OpsProperties {
    if (tmuxBinary.isBlank()) {
      throw new IllegalArgumentException("baton.ops.tmux-binary must not be blank");
    }
    if (probeTimeout.isZero() || probeTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "baton.ops.probe-timeout must be positive, got " + probeTimeout);
    }
  }
}
