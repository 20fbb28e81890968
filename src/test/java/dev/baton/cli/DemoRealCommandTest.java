package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.baton.board.Board;
import dev.baton.board.BoardStore;
import dev.baton.board.TaskStatus;
import dev.baton.demo.real.RealCli;
import dev.baton.tmux.TmuxTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton demo --real}: the real CLIs when they are installed, one sentence saying how to
 * install them when not.
 */
@Tag("end-to-end")
class DemoRealCommandTest {

  @Test
  void withoutTheCLIsItSaysHowToInstallThemAndExits2(@TempDir Path emptyCache) {
    var r =
        CliRunner.run(CliRunner.offline(), "demo", "--real", "--cli-cache", emptyCache.toString());

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().strip())
        .isEqualTo(
            "baton: the real agent CLIs claude, codex, gemini are not installed under "
                + emptyCache
                + "; install them with tools/install-clis.sh (it uses BATON_CLI_CACHE, default ~/.cache/baton-cli), then run"
                + " baton demo --real again");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void oneMissingCliIsNamedAlone(@TempDir Path cache) throws Exception {
    for (RealCli cli : new RealCli[] {RealCli.CLAUDE, RealCli.CODEX}) {
      Path bin = Files.createDirectories(cli.binary(cache).getParent());
      Files.writeString(bin.resolve(cli.id()), "#!/bin/sh\n");
      cli.binary(cache).toFile().setExecutable(true);
    }
    var r = CliRunner.run(CliRunner.offline(), "demo", "--real", "--cli-cache", cache.toString());

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("the real agent CLIs gemini are not installed under " + cache);
  }

  /**
   * The whole demo on the real CLIs: every task completed by the CLIs' own edits, the report
   * printed, all ended.
   */
  @Test
  @Tag("real-cli")
  void withTheCLIsInstalledTheRealTeamRunsTheDemoToItsReport() throws Exception {
    Path cache = RealCli.cache();
    assumeTrue(TmuxTestServer.tmuxInstalled(), "tmux is not installed");
    assumeTrue(
        RealCli.absent(cache, RealCli.values()).isEmpty(),
        () -> "install the real CLIs with tools/install-clis.sh");
    java.time.Instant begun = java.time.Instant.now();
    var r =
        CliRunner.run(
            Cli.Environment.system().withTerminal(false),
            "demo",
            "--real",
            "--plain",
            "--timeout",
            "5m",
            "--logging.level.root=WARN");

    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out())
        .contains("Scripted model server on http://127.0.0.1:")
        .contains("All three CLIs are ready.")
        .contains("6 of 6 completed");
    Matcher workdir = Pattern.compile("Demo workdir: (\\S+)").matcher(r.out());
    assertThat(workdir.find()).isTrue();
    Board board =
        new BoardStore(Path.of(workdir.group(1)).resolve("CLAUDE.md"), Clock.systemUTC()).read();
    assertThat(board.tasks())
        .hasSize(12)
        .allSatisfy(t -> assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED));
    Matcher socket = Pattern.compile("tmux -L (\\S+) attach").matcher(r.out());
    assertThat(socket.find()).isTrue();
    Process ls =
        new ProcessBuilder("tmux", "-L", socket.group(1), "ls").redirectErrorStream(true).start();
    assertThat(ls.waitFor()).as("the demo's tmux server is gone").isNotZero();
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        ProcessHandle.allProcesses()
                            .filter(ProcessHandle::isAlive)
                            .filter(
                                p ->
                                    p.info()
                                        .startInstant()
                                        .map(at -> !at.isBefore(begun.minusSeconds(1)))
                                        .orElse(false))
                            .map(p -> p.info().commandLine().orElse(""))
                            .filter(c -> c.contains(cache.toString())))
                    .as("the CLIs the demo started (Gemini's node survives its pane's hang-up)")
                    .isEmpty());
  }
}
