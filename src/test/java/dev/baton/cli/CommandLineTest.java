package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.BeanCreationException;
import picocli.CommandLine;

class CommandLineTest {
  private final Cli.Environment env = CliRunner.offline();

  @Test
  void topLevelHelpListsEveryCommandAndTheExitCodes() {
    var r = CliRunner.run(env, "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("Usage: baton")
        .contains("run", "serve", "submit", "status", "watch", "demo", "agents", "lint", "agent")
        .contains("Exit codes: 0 ok, 1 run failed");
    assertThat(CliRunner.run(env).out()).contains("Usage: baton");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"run", "serve", "submit", "status", "watch", "demo", "agents", "lint", "agent"})
  void everyCommandHasHelp(String command) {
    var r = CliRunner.run(env, command, "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Usage: baton " + command);
    if (!command.equals("agent")) { // the agent program's options are its own
      assertThat(r.out()).contains("--debug");
    }
    assertThat(r.err()).isEmpty();
  }

  @Test
  void unknownOptionIsUsageErrorInOneLine() {
    var r = CliRunner.run(env, "status", "--frobnicate");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("--frobnicate").contains("baton status --help");
  }

  @Test
  void unknownCommandIsUsageError() {
    var r = CliRunner.run(env, "fly");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("fly");
  }

  @Test
  void runWithoutRequestSaysWhatIsMissingWithoutStartingAnything() {
    var r = CliRunner.run(env, "run");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().strip())
        .isEqualTo(
            "baton: the request is empty: say what the agents should do, as text or with --file");
  }

  @Test
  void runWithTextAndFileIsRefused(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("req.md"), "- a\n");
    var r = CliRunner.run(env, "run", "--file", f.toString(), "also", "this");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("not both");
  }

  @Test
  void missingConfigFileIsAConfigurationError() {
    var r = CliRunner.run(env, "--config", "/nonexistent/baton.yaml", "run", "do it");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().strip())
        .isEqualTo("baton: the config file /nonexistent/baton.yaml does not exist");
  }

  @Test
  void badDurationIsAUsageError() {
    var r = CliRunner.run(env, "run", "--poll-interval", "soon", "x");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("'soon' is not a duration");
  }

  @Test
  void failedContextStartIsOneSentenceAndExit2_stackTraceOnlyWithDebug(@TempDir Path dir) {
    Cli.Environment failing =
        env.withContexts(
            (web, args) -> {
              throw new BeanCreationException(
                  "runProperties",
                  "Could not bind",
                  new IllegalArgumentException("baton.language must be fr or en, got 'de'"));
            });
    var r = CliRunner.run(failing, CliRunner.args(CliRunner.validSetup(dir), "run", "do", "it"));
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().strip())
        .isEqualTo("baton: Baton could not start: baton.language must be fr or en, got 'de'");

    var debug =
        CliRunner.run(
            failing, CliRunner.args(CliRunner.validSetup(dir), "run", "--debug", "do", "it"));
    assertThat(debug.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(debug.err()).contains("at dev.baton.cli").contains("BeanCreationException");
  }

  @Test
  void springSettingsPassThroughAndConfigBecomesAnAdditionalLocation(@TempDir Path dir)
      throws Exception {
    Path config = Files.writeString(dir.resolve("baton.yaml"), "baton:\n  language: en\n");
    List<List<String>> seen = new ArrayList<>();
    List<Boolean> webs = new ArrayList<>();
    Cli.Environment recording =
        env.withContexts(
            (web, args) -> {
              seen.add(args);
              webs.add(web);
              throw new IllegalStateException("stop here");
            });
    var r =
        CliRunner.run(
            recording,
            CliRunner.args(
                CliRunner.validSetup(dir),
                "run",
                "--baton.poll-interval=5s",
                "--config",
                config.toString(),
                "do",
                "it",
                "--server.port=0"));
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(webs).containsExactly(false);
    assertThat(seen.getFirst())
        .contains("--baton.poll-interval=5s", "--server.port=0")
        .contains("--spring.config.additional-location=file:" + config.toAbsolutePath())
        .contains("--logging.level.dev.baton=WARN");
    // a setting the user gives is not given twice
    CliRunner.run(
        recording,
        CliRunner.args(CliRunner.validSetup(dir), "run", "--logging.level.dev.baton=DEBUG", "x"));
    assertThat(seen.get(1))
        .filteredOn(a -> a.startsWith("--logging.level.dev.baton="))
        .containsExactly("--logging.level.dev.baton=DEBUG");
    // given twice, the later one wins (Spring would read both, joined by a comma)
    CliRunner.run(
        recording,
        CliRunner.args(
            CliRunner.validSetup(dir),
            "run",
            "--baton.poll-interval=5s",
            "--baton.poll-interval=7s",
            "x"));
    assertThat(seen.get(2))
        .filteredOn(a -> a.startsWith("--baton.poll-interval="))
        .containsExactly("--baton.poll-interval=7s");
  }

  @Test
  void aRefusalBeforeStartGivesItsStackTraceWithDebug(@TempDir Path dir) throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("baton.yaml"), "baton:\n  agents:\n    - name: A\n   cli: amp\n");
    var r = CliRunner.run(env, "run", "--debug", "--config", config.toString(), "x");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err())
        .startsWith("baton: " + config + ":")
        .contains("not valid YAML")
        .contains("\tat org.yaml.snakeyaml");
  }

  @Test
  void demoWithoutEnvironmentSaysSoAndExits2() {
    var r = CliRunner.run(env, "demo");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().strip())
        .isEqualTo(
            "baton: the demo is not available in this build: no dev.baton.demo.DemoEnvironment is installed");
  }

  @Test
  void agentNeedsSim() {
    var r = CliRunner.run(env, "agent");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("baton agent --sim");
  }

  @Test
  void agentSimPassesEverythingAfterItInOrder() {
    FakeSimulator.received = null;
    CommandLine line = new CommandLine(new AgentCommand(FakeSimulator.class.getName()));
    line.setUnmatchedOptionsArePositionalParams(true);
    int code = line.execute("--sim", "--name", "AMP", "--baton.speed=3", "-x");
    assertThat(code).isZero();
    assertThat(FakeSimulator.received).containsExactly("--name", "AMP", "--baton.speed=3", "-x");
  }

  @Test
  void agentSimSaysPlainlyWhenTheSimulatorIsNotBuilt() {
    var err = new java.io.StringWriter();
    CommandLine line = new CommandLine(new AgentCommand("dev.baton.sim.NotThere"));
    line.setErr(new java.io.PrintWriter(err));
    line.setExecutionExceptionHandler(
        (ex, cl, pr) -> ex instanceof CliFailure f ? f.exitCode() : 99);
    assertThat(line.execute("--sim")).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void agentArgumentsAreNotTakenForSpringSettings() {
    List<String> cli = new ArrayList<>();
    List<String> spring = new ArrayList<>();
    Cli.split(new String[] {"--server.port=1", "agent", "--sim", "--baton.speed=3"}, cli, spring);
    assertThat(spring).containsExactly("--server.port=1");
    assertThat(cli).containsExactly("agent", "--sim", "--baton.speed=3");
  }

  /** Stands in for the simulated agent program. */
  public static final class FakeSimulator {
    static volatile String[] received;

    public static void main(String[] args) {
      received = args;
    }
  }
}
