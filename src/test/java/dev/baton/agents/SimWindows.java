package dev.baton.agents;

import static org.awaitility.Awaitility.await;

import dev.baton.sim.SimLauncher;
import dev.baton.tmux.TmuxClient;
import dev.baton.tmux.TmuxTestServer;
import dev.baton.tmux.WindowSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Simulated agents in windows of a private tmux server, with their board, log and history files.
 */
final class SimWindows implements AutoCloseable {

  static final String BOARD =
      """
      # Projet

      ## Task Assignment Queue
      | ID | Task | Assigned To | Priority | Status | Created |
      |----|------|-------------|----------|--------|---------|
      %s
      ## Task Completion Log
      | Date | Agent | Task | Status | Note |
      |------|-------|------|--------|------|

      ## Notes
      """;

  private static final AtomicInteger COUNTER = new AtomicInteger();

  final TmuxTestServer server;
  final TmuxClient tmux;
  final Path dir;
  final TmuxProperties settings;
  private final SimLauncher launcher = SimLauncher.fromCurrentJvm();
  private final List<Long> pids = new ArrayList<>();

  /** One simulated agent's files. */
  record Sim(Agent agent, Path board, Path log, Path history) {
    List<String> logLines() {
      return lines(log);
    }

    /** Prompts received, unescaped. */
    List<String> prompts() {
      return lines(history).stream()
          .map(
              l ->
                  l.replace("\\n", "\n")
                      .replace("\\r", "\r")
                      .replace("\\t", "\t")
                      .replace("\\\\", "\\"))
          .toList();
    }

    String boardText() {
      try {
        return Files.readString(board, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  SimWindows(Path dir, TmuxProperties settings) {
    this.server = TmuxTestServer.start();
    this.tmux = server.client();
    this.dir = dir;
    this.settings = settings;
  }

  /** Opens a simulator window and waits until it shows its idle screen (or its dialog). */
  Sim open(String name, List<String> taskIds, String... options) {
    int n = COUNTER.incrementAndGet();
    Path board = dir.resolve("board-" + n + ".md");
    Path log = dir.resolve("sim-" + n + ".log");
    Path history = dir.resolve("sim-" + n + ".history");
    StringBuilder rows = new StringBuilder();
    for (String id : taskIds) {
      rows.append("| ")
          .append(id)
          .append(" | tâche ")
          .append(id)
          .append(" | ")
          .append(name)
          .append(" (w")
          .append(n)
          .append(") | MED | IN_PROGRESS | 2026-11-26 |\n");
    }
    try {
      Files.writeString(board, BOARD.formatted(rows), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> args =
        new ArrayList<>(List.of("--log", log.toString(), "--history", history.toString()));
    args.addAll(List.of(options));
    String window = "sim" + n;
    pids.add(
        tmux.newWindow(server.session(), WindowSpec.of(window, launcher.command(name, board, args)))
            .pid());
    String target = server.session() + ":" + window;
    tmux.setWindowOption(target, "remain-on-exit", "on");
    Agent agent =
        new Agent(
            name,
            target,
            CliKind.SIMULATED,
            false,
            "w" + n,
            null,
            CliPatternCatalog.shipped().patterns(CliKind.SIMULATED));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              String screen = tmux.capture(target, 40, false);
              return screen.contains("? for shortcuts") || screen.contains("Do you trust");
            });
    return new Sim(agent, board, log, history);
  }

  StateProbe probe() {
    return new StateProbe(tmux, settings.captureLines());
  }

  PromptSubmitter submitter() {
    return new PromptSubmitter(tmux, probe(), settings, java.time.Clock.systemUTC(), Pause.REAL);
  }

  /** Kills the server, then waits for the simulators to be gone so they stop writing files. */
  @Override
  public void close() {
    server.close();
    for (long pid : pids) {
      ProcessHandle.of(pid)
          .ifPresent(
              p -> {
                try {
                  p.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                  p.destroyForcibly();
                }
              });
    }
  }

  static List<String> lines(Path p) {
    try {
      return Files.exists(p) ? Files.readAllLines(p, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
