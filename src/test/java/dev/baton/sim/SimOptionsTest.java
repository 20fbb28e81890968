package dev.baton.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SimOptionsTest {

  @Test
  void parsesEverything() {
    SimOptions o =
        SimOptions.parse(
            "--name",
            "AMP",
            "--board",
            "/b/CLAUDE.md",
            "--work",
            "2s..5s",
            "--seed",
            "7",
            "--swallow-first-enter",
            "--silent",
            "--hang",
            "--rate-limit-once",
            "--fail-technical-once",
            "--test-command",
            "mvn -q test",
            "--fix-command",
            "true",
            "--log",
            "/tmp/l",
            "--history",
            "/tmp/h",
            "--trust-dialog",
            "--ignore-escape");
    assertThat(o.name()).isEqualTo("AMP");
    assertThat(o.board()).isEqualTo(Path.of("/b/CLAUDE.md"));
    assertThat(o.workMin()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.workMax()).isEqualTo(Duration.ofSeconds(5));
    assertThat(
            List.of(
                o.swallowFirstEnter(),
                o.silent(),
                o.hang(),
                o.rateLimitOnce(),
                o.failTechnicalOnce(),
                o.trustDialog(),
                o.ignoreEscape()))
        .containsOnly(true);
    assertThat(o.testCommand()).isEqualTo("mvn -q test");
    Random r = new Random(1);
    for (int i = 0; i < 100; i++) {
      assertThat(o.drawWorkTime(r)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(5));
    }
  }

  @Test
  void fixedWorkTimeAndBadValues() {
    SimOptions o = SimOptions.parse("--work", "800ms");
    assertThat(o.drawWorkTime(new Random())).isEqualTo(Duration.ofMillis(800));
    assertThatThrownBy(() -> SimOptions.parse("--work", "5s..2s"))
        .hasMessageContaining("MAX < MIN");
    assertThatThrownBy(() -> SimOptions.parse("--work", "soon"))
        .hasMessageContaining("bad duration");
    assertThatThrownBy(() -> SimOptions.parse("--board")).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> SimOptions.parse("--fly"))
        .hasMessageContaining("unknown option --fly");
    assertThatThrownBy(() -> SimOptions.parse("--look", "vim"))
        .hasMessage("--look: 'vim' is not one of [amp, simulated]");
    SimOptions amp =
        SimOptions.parse(
            "--look",
            "amp",
            "--usage-limit",
            "resets 3pm",
            "--claude-hooks",
            "--forget-board-once");
    org.assertj.core.api.Assertions.assertThat(amp.look()).isEqualTo("amp");
    org.assertj.core.api.Assertions.assertThat(amp.usageLimit()).isEqualTo("resets 3pm");
    org.assertj.core.api.Assertions.assertThat(amp.claudeHooks() && amp.forgetBoardOnce()).isTrue();
    org.assertj.core.api.Assertions.assertThat(SimOptions.parse().look()).isEqualTo("simulated");
  }

  @Test
  void launcherFindsClassesFolderPlainJarOrBootJar() throws Exception {
    SimLauncher folder =
        SimLauncher.fromLocation(
            "java", new java.net.URI("file:/app/target/classes/").toURL(), "long:path");
    assertThat(folder).isEqualTo(new SimLauncher("java", "/app/target/classes", false));
    SimLauncher boot =
        SimLauncher.fromLocation(
            "java", bootUrl("jar:nested:/opt/baton/baton.jar/!BOOT-INF/classes/!/"), "x");
    assertThat(boot).isEqualTo(new SimLauncher("java", "/opt/baton/baton.jar", true));
    assertThat(boot.command("AMP", Path.of("/b/CLAUDE.md"), List.of()))
        .containsSubsequence(
            "-cp",
            "/opt/baton/baton.jar",
            "-Dloader.main=" + SimulatedAgent.class.getName(),
            "org.springframework.boot.loader.launch.PropertiesLauncher",
            "--name",
            "AMP");
    assertThat(SimLauncher.fromLocation("java", null, "a.jar:b.jar"))
        .isEqualTo(new SimLauncher("java", "a.jar:b.jar", false));
  }

  /** Boot registers a handler for these URLs at run time; a no-op one stands in for it here. */
  private static java.net.URL bootUrl(String spec) throws Exception {
    return java.net.URL.of(
        new java.net.URI(spec),
        new java.net.URLStreamHandler() {
          @Override
          protected java.net.URLConnection openConnection(java.net.URL u) {
            throw new UnsupportedOperationException();
          }
        });
  }

  @Test
  void launcherCommandRunsTheSimulatorWithoutAShell() {
    SimLauncher l = SimLauncher.fromCurrentJvm();
    List<String> cmd = l.command("AMP", Path.of("/b/CLAUDE.md"), List.of("--work", "1s"));
    assertThat(cmd.getFirst()).endsWith("java");
    assertThat(cmd)
        .containsSubsequence(
            "-cp",
            l.classPath(),
            SimulatedAgent.class.getName(),
            "--name",
            "AMP",
            "--board",
            "/b/CLAUDE.md",
            "--work",
            "1s");
    assertThat(String.join(" ", cmd).length()).isLessThan(4000);
  }
}
