package dev.baton.testcommand;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the configured test command in the workdir so a verdict comes from an exit code, not from
 * what an agent claims. The command is the user's own shell line ({@code mvn -q test}), hence
 * {@code sh -c}; its output goes to a file and only the tail is kept for the fix prompt and the
 * report.
 */
public final class TestCommand {

  /** What one run of the command said. */
  public record Verdict(
      boolean passed, int exitCode, boolean timedOut, String tail, Duration took) {}

  private static final int TAIL_LINES = 30;

  private final String command;
  private final Path workdir;
  private final Duration timeout;

  public TestCommand(String command, Path workdir, Duration timeout) {
    this.command = command;
    this.workdir = workdir;
    this.timeout = timeout;
  }

  public Verdict run() {
    long t0 = System.nanoTime();
    Path output = null;
    try {
      output = Files.createTempFile("baton-test", ".log");
      Process process =
          new ProcessBuilder(List.of("sh", "-c", command))
              .directory(workdir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      String tail = tail(output);
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      if (!finished) {
        return new Verdict(
            false,
            -1,
            true,
            "test command timed out after " + timeout.toSeconds() + " s\n" + tail,
            took);
      }
      return new Verdict(process.exitValue() == 0, process.exitValue(), false, tail, took);
    } catch (IOException e) {
      return new Verdict(
          false,
          -1,
          false,
          "test command could not start: " + e.getMessage(),
          Duration.ofNanos(System.nanoTime() - t0));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Verdict(false, -1, false, "interrupted", Duration.ofNanos(System.nanoTime() - t0));
    } finally {
      if (output != null) {
        try {
          Files.deleteIfExists(output);
        } catch (IOException ignored) {
          // a temp file left behind is harmless
        }
      }
    }
  }

  private static String tail(Path file) throws IOException {
    Deque<String> last = new ArrayDeque<>();
    for (String line : new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\\R")) {
      last.addLast(line);
      if (last.size() > TAIL_LINES) {
        last.removeFirst();
      }
    }
    return String.join("\n", last);
  }
}
