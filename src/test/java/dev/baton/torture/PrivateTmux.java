package dev.baton.torture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The harness's own tmux server ({@code tmux -L <socket>}): one per episode, never the user's.
 * Commands are argument lists with a time limit.
 */
final class PrivateTmux {
  final String socket;
  final String session = "torture";

  PrivateTmux(String socket) {
    this.socket = socket;
  }

  /**
   * Runs one tmux command; returns its output, or empty when it failed (a server already gone, a
   * dead pane).
   */
  Optional<String> run(String... args) {
    List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      return p.exitValue() == 0
          ? Optional.of(new String(out, StandardCharsets.UTF_8))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  void newWindow(boolean first, String name, List<String> command, String dir) {
    List<String> args = new ArrayList<>();
    if (first) {
      args.addAll(
          List.of(
              "new-session", "-d", "-s", session, "-x", "200", "-y", "50", "-n", name, "-c", dir));
    } else {
      args.addAll(List.of("new-window", "-d", "-t", session + ":", "-n", name, "-c", dir));
    }
    args.addAll(command);
    if (run(args.toArray(String[]::new)).isEmpty()) {
      throw new IllegalStateException("tmux -L " + socket + " could not start window " + name);
    }
  }

  /** The pid of the process in an agent's pane, when the pane is alive. */
  Optional<Long> panePid(String window) {
    return run("list-panes", "-t", session + ":" + window, "-F", "#{pane_dead} #{pane_pid}")
        .map(String::strip)
        .filter(s -> s.startsWith("0 "))
        .map(s -> Long.parseLong(s.substring(2).strip().split("\\s+")[0]));
  }

  /** Pids of every pane process of this server (to end them when the server goes). */
  List<Long> panePids() {
    List<Long> pids = new ArrayList<>();
    run("list-panes", "-a", "-F", "#{pane_pid}")
        .ifPresent(
            out ->
                out.lines()
                    .map(String::strip)
                    .filter(s -> s.matches("\\d+"))
                    .forEach(s -> pids.add(Long.parseLong(s))));
    return pids;
  }

  boolean alive() {
    return run("has-session", "-t", session).isPresent();
  }

  /** Ends the server and removes its socket file, which tmux leaves behind. */
  void killServer() {
    run("kill-server");
    try {
      Object uid =
          java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self"), "unix:uid");
      String dir = System.getenv().getOrDefault("TMUX_TMPDIR", "/tmp");
      java.nio.file.Path path = java.nio.file.Path.of(dir, "tmux-" + uid, socket);
      if (!alive()
          && java.nio.file.Files.exists(path)
          && !java.nio.file.Files.isRegularFile(path)) {
        java.nio.file.Files.delete(path);
      }
    } catch (IOException | RuntimeException e) {
      // a stale socket file is harmless
    }
  }
}
