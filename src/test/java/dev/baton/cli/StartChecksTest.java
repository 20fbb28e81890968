package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.baton.agents.RosterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.BeanCreationException;

/**
 * What {@code run} refuses before anything starts: one sentence, exit 2, and no context (the
 * offline environment fails the test if one is started, so "before the engine starts" is checked
 * too).
 */
class StartChecksTest {
  private final Cli.Environment env = CliRunner.offline();

  @TempDir Path dir;

  private static void assertOneSentence(CliRunner.Result r) {
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
    assertThat(r.err()).startsWith("baton: ").doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void noAgentsIsRefusedBeforeTheEngineStarts() {
    var r = CliRunner.run(env, "run", "--baton.workdir=" + dir, "Build", "it");
    assertOneSentence(r);
    assertThat(r.err()).contains("baton.agents: no agents are configured");
  }

  @Test
  void aMissingWorkdirIsRefused() {
    List<String> setup = CliRunner.validSetup(dir.resolve("gone"));
    var r = CliRunner.run(env, CliRunner.args(setup, "run", "Build", "it"));
    assertOneSentence(r);
    assertThat(r.err())
        .contains("baton.workdir: the folder " + dir.resolve("gone") + " does not exist");
  }

  @Test
  void aFolderBatonCannotWriteInIsAConfigurationError() throws Exception {
    Path locked;
    if ("root".equals(System.getProperty("user.name"))) {
      locked =
          Path.of(
              "/sys/kernel"); // root writes through permissions; sysfs refuses new files even to
      // root
      assumeTrue(Files.isDirectory(locked), "no /sys/kernel");
    } else {
      locked = Files.createDirectory(dir.resolve("locked"));
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
    }
    var r = CliRunner.run(env, CliRunner.args(CliRunner.validSetup(locked), "run", "Build", "it"));
    assertOneSentence(r);
    assertThat(r.err()).contains("Baton cannot create files in " + locked + " (permission denied)");
  }

  @Test
  void anUnknownOptionIsAUsageErrorNotPartOfTheRequest() {
    var r =
        CliRunner.run(
            env, CliRunner.args(CliRunner.validSetup(dir), "run", "--frobnicate", "Build", "it"));
    assertOneSentence(r);
    assertThat(r.err()).contains("unknown option '--frobnicate'").contains("baton run --help");
    // a Markdown list still is a request: the command goes on to start Baton
    Cli.Environment starting =
        env.withContexts(
            (web, args) -> {
              throw new IllegalStateException("starting");
            });
    var list =
        CliRunner.run(
            starting,
            CliRunner.args(CliRunner.validSetup(dir), "run", "- Write the parser\n- Test it"));
    assertThat(list.err()).contains("Baton could not start: starting");
  }

  @Test
  void aYamlSyntaxErrorIsOneSentenceWithFileLineAndColumn() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("baton.yaml"),
            "baton:\n  workdir: "
                + dir
                + "\n  agents:\n    - name: A\n      window: 1\n     cli: amp\n");
    var r = CliRunner.run(env, "run", "--config", config.toString(), "Build", "it");
    assertOneSentence(r);
    assertThat(r.err().strip())
        .startsWith("baton: " + config + ":6:6: not valid YAML: expected <block end>")
        .contains("line 4, column 5");
  }

  @Test
  void anUnknownCliKindNamesTheFileLineAndTheKindsThereAre() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("baton.yaml"),
            "baton:\n  workdir: "
                + dir
                + "\n  tmux:\n    verify-on-start: false\n  agents:\n    - { name: A, window: 1, cli: clod }\n");
    var r = CliRunner.run(env, "run", "--config", config.toString(), "Build", "it");
    assertOneSentence(r);
    assertThat(r.err().strip())
        .isEqualTo(
            "baton: "
                + config
                + ":6:34: baton.agents[0].cli: 'clod' is not one of claude, codex, amp, gemini,"
                + " antigravity, qwen, opencode, simulated, custom");
  }

  @Test
  void rosterProblemsAreListedNotCutOffAfterTheHeading() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("baton.yaml"),
            "baton:\n  workdir: "
                + dir
                + "\n  tmux:\n    verify-on-start: false\n  agents:\n"
                + "    - { name: A, window: 1, cli: amp }\n    - { name: A, window: 2, cli: amp }\n");
    var r = CliRunner.run(env, "run", "--config", config.toString(), "Build", "it");
    assertOneSentence(r);
    assertThat(r.err().strip())
        .isEqualTo(
            "baton: "
                + config
                + ":7:15: baton.agents[1] (A).name: 'A' is already used by baton.agents[0] (A)");

    // the same problems raised by the application's own start are not cut after "invalid agent
    // configuration:"
    Cli.Environment failing =
        env.withContexts(
            (web, args) -> {
              throw new BeanCreationException(
                  "agentRoster",
                  "Failed to instantiate",
                  new RosterException(
                      "agents do not match tmux",
                      List.of(
                          "agent A (target baton:1): no such tmux window or pane",
                          "agent B (target baton:2): no such tmux window or pane")));
            });
    var late =
        CliRunner.run(failing, CliRunner.args(CliRunner.validSetup(dir), "run", "Build", "it"));
    assertOneSentence(late);
    assertThat(late.err().strip())
        .isEqualTo(
            "baton: Baton could not start: agents do not match tmux: agent A (target baton:1): no such tmux window or"
                + " pane; agent B (target baton:2): no such tmux window or pane");
  }
}
