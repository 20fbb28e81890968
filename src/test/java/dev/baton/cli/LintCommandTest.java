package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.tmux.TmuxTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lint} runs the checks a start makes, plus the model and the board's rows, and never starts
 * Baton.
 */
class LintCommandTest {
  private static final String TINY =
      Paths.get("src/test/resources/cli/tiny.bpmn").toAbsolutePath().toString();
  private static final String BOARD_HEAD =
      "# Board\n\n## Task Assignment Queue\n| ID | Task | Assigned To | Priority | Status | Created |\n"
          + "|----|------|-------------|----------|--------|---------|\n";
  private static final String LOG =
      "\n## Task Completion Log\n| Date | Agent | Task | Status | Note |\n|------|-------|------|--------|------|\n";
  private final Cli.Environment env = CliRunner.offline();

  @TempDir Path dir;

  private CliRunner.Result lint() {
    return lintWithModel(TINY);
  }

  private CliRunner.Result lintWithModel(Object model) {
    return CliRunner.run(
        env, CliRunner.args(CliRunner.validSetup(dir), "lint", "--baton.bpmn=" + model));
  }

  private Path config(String yaml) throws Exception {
    return Files.writeString(
        dir.resolve("baton.yaml"), "baton:\n  workdir: " + dir + "\n  bpmn: " + TINY + "\n" + yaml);
  }

  @Test
  void cleanSetupPassesWithoutStartingTheEngine() throws Exception {
    Files.writeString(
        dir.resolve("CLAUDE.md"),
        BOARD_HEAD + "| T-001 | Only task | | MED | PENDING | 2026-01-27 |\n" + LOG);
    var r = lint();
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains(
            "ok   config",
            "ok   workdir",
            "ok   agents: 1 (A)",
            "ok   tmux: not checked",
            "ok   model")
        .contains("ok   board: " + dir.resolve("CLAUDE.md") + ", 1 tasks");
  }

  @Test
  void missingModelAndWrongProcessIdFail() throws Exception {
    var missing = lintWithModel(dir.resolve("none.bpmn"));
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(missing.out()).contains("FAIL model").contains("no such file");

    Path other =
        Files.writeString(
            dir.resolve("other.bpmn"),
            Files.readString(Path.of(TINY)).replace("id=\"baton\"", "id=\"other\""));
    var wrongId = lintWithModel(other);
    assertThat(wrongId.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(wrongId.out()).contains("no executable process with id 'baton'");
  }

  @Test
  void badConfigurationFromTheConfigFileIsNamedWithItsLine() throws Exception {
    Path config = config("  language: de\n");
    var r = CliRunner.run(env, "lint", "--config", config.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(r.out())
        .contains("FAIL config: " + config + ":4:13: baton.language must be fr or en, got 'de'");
  }

  @Test
  void aBrokenConstraintIsNamedInConfigurationTermsAndTheOtherChecksStillRun() throws Exception {
    Path config =
        config(
            "  inactive-polls: 0\n  tmux:\n    verify-on-start: false\n  agents:\n    - { name: A, window: 1, cli: amp }\n");
    var r = CliRunner.run(env, "lint", "--config", config.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(r.out())
        .contains(
            "FAIL config: "
                + config
                + ":4:19: baton.inactive-polls must be greater than or equal to 1")
        .contains("ok   workdir", "ok   agents", "ok   model");
  }

  @Test
  void everyRosterProblemRunWouldRefuseIsListedWithFileAndLine() throws Exception {
    Path config =
        config(
            "  tmux:\n    verify-on-start: false\n  agents:\n"
                + "    - { name: A, window: 1, cli: claude }\n"
                + "    - { name: A, window: 2, cli: codex }\n"
                + "    - { name: B, window: 1, cli: amp }\n");
    var r = CliRunner.run(env, "lint", "--config", config.toString());
    assertThat(r.exitCode()).as(r.out()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(r.out())
        .contains(
            "FAIL agents: "
                + config
                + ":8:15: baton.agents[1] (A).name: 'A' is already used by baton.agents[0] (A)")
        .contains(
            "FAIL agents: "
                + config
                + ":9:15: baton.agents[2] (B): target baton:1 is already used by baton.agents[0] (A)")
        .contains("2 problems found");
  }

  @Test
  void anUnknownCliKindIsAProblem() throws Exception {
    Path config = config("  agents:\n    - { name: A, window: 1, cli: clod }\n");
    var r = CliRunner.run(env, "lint", "--config", config.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(r.out())
        .contains(
            "FAIL config: " + config + ":5:34: baton.agents[0].cli: 'clod' is not one of claude,");
  }

  @Test
  void anEmptyRosterIsAProblem() throws Exception {
    var r = CliRunner.run(env, "lint", "--baton.workdir=" + dir, "--baton.bpmn=" + TINY);
    assertThat(r.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(r.out()).contains("FAIL agents: baton.agents: no agents are configured");
  }

  @Test
  void aMissingTmuxSessionIsAProblem() throws Exception {
    try (TmuxTestServer tmux = TmuxTestServer.start()) {
      Path config =
          config(
              "  tmux:\n    socket: "
                  + tmux.client().socketName()
                  + "\n    session: nosuch\n  agents:\n"
                  + "    - { name: A, window: 1, cli: claude }\n");
      var r = CliRunner.run(env, "lint", "--config", config.toString());
      assertThat(r.exitCode()).as(r.out()).isEqualTo(ExitCodes.RUN_FAILED);
      assertThat(r.out())
          .contains(
              "FAIL tmux: "
                  + config
                  + ":8:15: agent A (target nosuch:1): no such tmux window or pane");
    }
  }

  @Test
  void aBoardWithDuplicateAndCutRowsIsListedRowByRow() throws Exception {
    Path board = dir.resolve("CLAUDE.md");
    Files.writeString(
        board,
        BOARD_HEAD
            + "| T-001 | First | | MED | PENDING | 2026-01-27 |\n"
            + "| T-001 | First again | | MED | COMPLETED | 2026-01-27 |\n"
            + "| T-002 | Cut | | ME");
    var r = lint();
    assertThat(r.exitCode()).as(r.out()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(r.out())
        .doesNotContain("ok   board")
        .contains("FAIL board: " + board + ":7: task T-001")
        .contains("FAIL board: " + board + ":8: ");
  }
}
