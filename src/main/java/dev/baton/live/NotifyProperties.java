package dev.baton.live;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a person hears of a "needs you" alert away from the page.
 *
 * @param notifyCommand program and its arguments, run once per alert with the alert as one JSON
 *     object on stdin (an argument list, run without a shell: {@code [notify-send, Baton]} in YAML,
 *     or {@code --baton.notify-command=notify-send,Baton}); empty: no command
 * @param notifyTimeout longest a notify command may run before it is stopped
 */
@ConfigurationProperties("baton")
public record NotifyProperties(
    List<String> notifyCommand, @DefaultValue("10s") Duration notifyTimeout) {

  public NotifyProperties {
    notifyCommand =
        notifyCommand == null
            ? List.of()
            : notifyCommand.stream().filter(s -> !s.isBlank()).toList();
    if (notifyTimeout.isNegative() || notifyTimeout.isZero()) {
      throw new IllegalArgumentException(
          "baton.notify-timeout must be positive, got " + notifyTimeout);
    }
  }
}
