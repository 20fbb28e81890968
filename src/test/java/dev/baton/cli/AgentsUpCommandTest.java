package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.baton.sim.SimLauncher;
import dev.baton.tmux.TmuxClient;
import dev.baton.tmux.TmuxTestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agents up} and {@code agents down} from a config file, as a person runs them: the roster's
 * command lists, environment and consent bind from YAML, nothing starts Baton's context, and the
 * exit codes tell the outcome.
 */
class AgentsUpCommandTest {
  @TempDir Path workdir;
  private final String socket = "baton-upcli-" + ProcessHandle.current().pid();
  private final TmuxClient tmux = new TmuxClient(socket, Duration.ofSeconds(10));

  @AfterEach
  void stop() {
    TmuxTestServer.killServerAndPanes(tmux, "team");
  }

  private static String yamlList(List<String> items) {
    return items.stream()
        .map(i -> "'" + i.replace("'", "''") + "'")
        .collect(Collectors.joining(", ", "[", "]"));
  }

  @Test
  void upFromAConfigFileThenDown() throws Exception {
    assumeTrue(TmuxTestServer.tmuxInstalled(), "tmux is not installed");
    Path board = workdir.resolve("CLAUDE.md");
    Files.writeString(board, "# Board\n", StandardCharsets.UTF_8);
    List<String> ready =
        SimLauncher.fromCurrentJvm().command("A1", board, List.of("--trust-dialog"));
    List<String> stuck =
        SimLauncher.fromCurrentJvm().command("A2", board, List.of("--trust-dialog"));
    Path config = workdir.resolve("baton.yaml");
    Files.writeString(
        config,
        """
        baton:
          workdir: %s
          tmux:
            socket: %s
            session: team
          agents:
            - name: A1
              window: A1
              cli: simulated
              trust-folder: true
              command: %s
              env: { BATON_SAMPLE: "1" }
            - name: A2
              window: A2
              cli: simulated
              command: %s
        """
            .formatted(workdir, socket, yamlList(ready), yamlList(stuck)),
        StandardCharsets.UTF_8);

    var up =
        CliRunner.run(
            CliRunner.offline(), "agents", "up", "--config", config.toString(), "--timeout", "60s");

    assertThat(up.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(up.out())
        .contains("A1: started ", "A1: answering its trust dialog with 1", "A1: IDLE");
    assertThat(up.err())
        .contains(
            "1 of 2 agents are not ready",
            "A2 asks whether to trust its folder",
            "or set trust-folder: true for it");
    assertThat(tmux.hasSession("team")).isTrue();

    var down = CliRunner.run(CliRunner.offline(), "agents", "down", "--config", config.toString());

    assertThat(down.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(down.out()).contains("A1: ", "A2: ", "window closed");
    assertThat(tmux.hasSession("team")).isFalse();
  }

  @Test
  void inWorktreeModeEachCliStartsInItsWorktreeFolder() throws Exception {
    assumeTrue(TmuxTestServer.tmuxInstalled(), "tmux is not installed");
    Path board = workdir.resolve("CLAUDE.md");
    Files.writeString(board, "# Board\n", StandardCharsets.UTF_8);
    List<String> sim = SimLauncher.fromCurrentJvm().command("W1", board, List.of());
    Path config = workdir.resolve("baton.yaml");
    Files.writeString(
        config,
        """
        baton:
          workdir: %s
          isolation: worktree
          tmux:
            socket: %s
            session: team
          agents:
            - name: W1
              window: W1
              cli: simulated
              command: %s
        """
            .formatted(workdir, socket, yamlList(sim)),
        StandardCharsets.UTF_8);

    var up =
        CliRunner.run(
            CliRunner.offline(), "agents", "up", "--config", config.toString(), "--timeout", "60s");

    assertThat(up.exitCode()).as(up.err()).isEqualTo(ExitCodes.OK);
    Path folder = workdir.resolve(".baton/worktrees/W1");
    assertThat(up.out()).contains("W1: started ").contains("(" + folder + ")");
    assertThat(folder).isEmptyDirectory();
    long pid = tmux.paneInfo("team:W1").pid();
    assertThat(Files.readSymbolicLink(Path.of("/proc/" + pid + "/cwd")))
        .as("the CLI's working folder")
        .isEqualTo(folder);
  }
}
