package dev.baton.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code baton.notify-command} for an alert: the program and its arguments as given (no shell,
 * so nothing in an alert's text is ever interpreted), the alert as JSON on stdin, its output
 * discarded, stopped after the timeout. It runs on a thread of its own: a slow or hanging command
 * never holds up Baton.
 */
final class NotifyCommand {
  private static final Logger LOG = LoggerFactory.getLogger(NotifyCommand.class);

  private final NotifyProperties properties;
  private final ObjectMapper json;

  NotifyCommand(NotifyProperties properties, ObjectMapper json) {
    this.properties = properties;
    this.json = json;
  }

  boolean configured() {
    return !properties.notifyCommand().isEmpty();
  }

  /**
   * Starts the command for {@code alert}; returns the thread that waits for it (null when none is
   * configured).
   */
  Thread send(Alert alert) {
    if (!configured()) {
      return null;
    }
    return Thread.ofVirtual().name("baton-notify").start(() -> run(alert));
  }

  private void run(Alert alert) {
    ProcessBuilder builder =
        new ProcessBuilder(properties.notifyCommand())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    try {
      Process process = builder.start();
      try (OutputStream in = process.getOutputStream()) {
        in.write(json.writeValueAsBytes(alert));
        in.write('\n');
      } catch (IOException closedEarly) {
        // a command that does not read its stdin is fine
      }
      if (!process.waitFor(properties.notifyTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        LOG.warn(
            "baton.notify-command did not end within {} and was stopped",
            properties.notifyTimeout());
      } else if (process.exitValue() != 0) {
        LOG.warn(
            "baton.notify-command exited with {} for alert {}", process.exitValue(), alert.key());
      }
    } catch (IOException e) {
      LOG.warn(
          "baton.notify-command could not start ({}): {}",
          Path.of(properties.notifyCommand().getFirst()).getFileName(),
          e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
