package dev.baton.live;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the live page and the alerts.
 *
 * @param elementStatistics follow the engine for the page's tokens (off: the model without tokens)
 * @param followInterval how often the embedded engine's log is read for element statistics
 * @param restTimeout longest wait for one call to an external cluster's REST API
 * @param pushInterval how often a run's live feed looks for changes (the page is updated within
 *     this plus the time to read the board and the agents' screens)
 * @param alertInterval how often, while a run is under way, the agents' screens are looked at for
 *     "needs you" alerts (a dialog, a usage limit, an exited CLI)
 */
@ConfigurationProperties("baton.live")
public record LiveProperties(
    @DefaultValue("true") boolean elementStatistics,
    @DefaultValue("200ms") Duration followInterval,
    @DefaultValue("2s") Duration restTimeout,
    @DefaultValue("300ms") Duration pushInterval,
    @DefaultValue("2s") Duration alertInterval) {

  public LiveProperties {
    for (var d : List.of(followInterval, restTimeout, pushInterval, alertInterval)) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("baton.live durations must be positive, got " + d);
      }
    }
  }
}
