package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintCommandTest {
  private static final String TINY = Paths.get("src/test/resources/cli/tiny.bpmn").toAbsolutePath().toString();
  private final Cli.Environment env = CliRunner.offline();

  @TempDir Path dir;

  @Test
  void cleanSetupPassesWithoutStartingTheEngine() throws Exception {
    Files.writeString(dir.resolve("CLAUDE.md"), "# Board\n");
    var r = CliRunner.run(env, "lint", "--baton.bpmn=" + TINY, "--baton.workdir=" + dir);
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("ok   config").contains("ok   model").contains("ok   board");
  }

  @Test
  void missingModelAndWrongProcessIdFail() throws Exception {
    var missing = CliRunner.run(env, "lint", "--baton.bpmn=" + dir.resolve("none.bpmn"), "--baton.workdir=" + dir);
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.out()).contains("FAIL model").contains("does not exist");

    Path other = Files.writeString(dir.resolve("other.bpmn"), Files.readString(Path.of(TINY)).replace("id=\"baton\"", "id=\"other\""));
    var wrongId = CliRunner.run(env, "lint", "--baton.bpmn=" + other, "--baton.workdir=" + dir);
    assertThat(wrongId.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(wrongId.out()).contains("no executable process with id 'baton'");
  }

  @Test
  void badConfigurationFromTheConfigFileIsNamed() throws Exception {
    Path config = Files.writeString(dir.resolve("baton.yaml"), "baton:\n  language: de\n");
    var r = CliRunner.run(env, "lint", "--config", config.toString(), "--baton.bpmn=" + TINY);
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.out().strip()).isEqualTo("FAIL config: baton.language must be fr or en, got 'de'");
  }
}
