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
    SimOptions o = SimOptions.parse("--name", "AMP", "--board", "/b/CLAUDE.md", "--work", "2s..5s", "--seed", "7",
        "--swallow-first-enter", "--silent", "--hang", "--rate-limit-once", "--fail-technical-once",
        "--test-command", "mvn -q test", "--fix-command", "true", "--log", "/tmp/l", "--history", "/tmp/h",
        "--trust-dialog", "--ignore-escape");
    assertThat(o.name()).isEqualTo("AMP");
    assertThat(o.board()).isEqualTo(Path.of("/b/CLAUDE.md"));
    assertThat(o.workMin()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.workMax()).isEqualTo(Duration.ofSeconds(5));
    assertThat(List.of(o.swallowFirstEnter(), o.silent(), o.hang(), o.rateLimitOnce(), o.failTechnicalOnce(), o.trustDialog(), o.ignoreEscape()))
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
    assertThatThrownBy(() -> SimOptions.parse("--work", "5s..2s")).hasMessageContaining("MAX < MIN");
    assertThatThrownBy(() -> SimOptions.parse("--work", "soon")).hasMessageContaining("bad duration");
    assertThatThrownBy(() -> SimOptions.parse("--board")).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> SimOptions.parse("--fly")).hasMessageContaining("unknown option --fly");
  }

  @Test
  void launcherCommandRunsTheSimulatorWithoutAShell() {
    SimLauncher l = SimLauncher.fromCurrentJvm();
    List<String> cmd = l.command("AMP", Path.of("/b/CLAUDE.md"), List.of("--work", "1s"));
    assertThat(cmd.getFirst()).endsWith("java");
    assertThat(cmd).containsSubsequence("-cp", l.classPath(), SimulatedAgent.class.getName(), "--name", "AMP", "--board", "/b/CLAUDE.md", "--work", "1s");
    assertThat(String.join(" ", cmd).length()).isLessThan(4000);
  }
}
