package dev.baton.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one tmux command with a deadline and reports what happened, without ever throwing. */
final class TmuxProbe {
  /** Exit code -1: the program could not be started; -2: it did not end in time. */
  record Outcome(int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  private TmuxProbe() {}

  static Outcome run(List<String> command, Duration timeout) {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return new Outcome(-1, e.getMessage());
    }
    try (InputStream in = process.getInputStream()) {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return new Outcome(-2, "no answer within " + timeout.toMillis() + " ms");
      }
      String output = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      return new Outcome(process.exitValue(), output);
    } catch (IOException e) {
      return new Outcome(-1, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return new Outcome(-2, "interrupted");
    }
  }
}
