package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The new command line surface: {@code agents --explain} and {@code hooks install}. */
class HooksCommandTest {

  private final Cli.Environment env = CliRunner.offline();

  @Test
  void agentsOffersExplainAndHooksInstallNeedsAnAgent() {
    var agents = CliRunner.run(env, "agents", "--help");
    assertThat(agents.exitCode()).isZero();
    assertThat(agents.out()).contains("--explain").contains("runners-up");

    var install = CliRunner.run(env, "hooks", "install", "--help");
    assertThat(install.exitCode()).isZero();
    assertThat(install.out())
        .contains("Usage: baton hooks install")
        .contains("--agent")
        .contains("--debug");

    var missing = CliRunner.run(env, "hooks", "install");
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).contains("--agent");
  }
}
