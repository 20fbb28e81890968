package dev.baton.sim;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The controlling terminal in raw mode: no line buffering, no echo, no signals for C-c and no CR
 * translation, so the simulator sees every key as a real CLI does. Uses {@code stty} on {@code
 * /dev/tty} because the JDK has no terminal API.
 */
final class Terminal {

  private final String saved;

  private Terminal(String saved) {
    this.saved = saved;
  }

  static Terminal raw() {
    String saved = stty("-g").strip();
    stty("-icanon", "-echo", "-isig", "-ixon", "-icrnl", "min", "1", "time", "0");
    return new Terminal(saved);
  }

  /** {rows, cols}, or 40×120 when the size cannot be read. */
  int[] size() {
    String[] f = stty("size").strip().split("\\s+");
    try {
      return new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[1])};
    } catch (RuntimeException e) {
      return new int[] {40, 120};
    }
  }

  void restore() {
    if (!saved.isEmpty()) {
      stty(saved);
    }
  }

  private static String stty(String... args) {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "stty";
    System.arraycopy(args, 0, cmd, 1, args.length);
    try {
      Process p =
          new ProcessBuilder(cmd)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/tty")))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      return out;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
