package dev.baton.torture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Baton as a separate OS process ({@code java -jar baton.jar run|serve ...}), so that it can be
 * killed with SIGKILL and started again on the same workdir. Only processes this class started are
 * ever signalled.
 */
final class BatonProcess {
  private final Process process;
  final String mode;
  final Path output;

  private BatonProcess(Process process, String mode, Path output) {
    this.process = process;
    this.mode = mode;
    this.output = output;
  }

  /**
   * @param launch the java launcher and its flags, then {@code -jar <baton.jar>}
   * @param mode {@code run} or {@code serve}
   * @param args the subcommand's arguments
   */
  static BatonProcess start(
      List<String> launch, String mode, List<String> args, Path output, Path dir) {
    List<String> cmd = new ArrayList<>(launch);
    cmd.add(mode);
    cmd.addAll(args);
    try {
      Process p =
          new ProcessBuilder(cmd)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      return new BatonProcess(p, mode, output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Baton: " + e.getMessage(), e);
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  int exitValue() {
    return process.exitValue();
  }

  long pid() {
    return process.pid();
  }

  /** SIGKILL, then wait until the process is gone. */
  void kill9() {
    process.destroyForcibly();
    waitFor(10);
  }

  /** SIGTERM (Baton closes its context), SIGKILL after {@code graceSeconds}. */
  void stop(int graceSeconds) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!waitFor(graceSeconds)) {
      kill9();
    }
  }

  boolean waitFor(int seconds) {
    try {
      return process.waitFor(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
