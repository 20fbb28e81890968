package dev.baton.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Roster validation and interrupts against simulated agents in a real tmux server. */
class LiveAgentsTest {

  @TempDir static Path dir;
  static SimWindows sims;

  @BeforeAll
  static void start() {
    sims = new SimWindows(dir, TmuxProperties.defaults());
  }

  @AfterAll
  static void stop() {
    if (sims != null) {
      sims.close();
    }
  }

  @Test
  void rosterValidationNamesMissingWindowsAndSharedPanes() {
    SimWindows.Sim sim = sims.open("AMP", List.of("T-001"));
    String session = sims.server.session();
    String window = sim.agent().target().substring(session.length() + 1);
    AgentsProperties props =
        new AgentsProperties(
            List.of(
                new AgentProperties(
                    "AMP", window, null, null, CliKind.SIMULATED, false, null, null, null),
                new AgentProperties(
                    "AMP-2", window, 0, null, CliKind.SIMULATED, false, null, null, null),
                new AgentProperties(
                    "Codex", "nowindow", null, null, CliKind.CODEX, false, null, null, null),
                new AgentProperties(
                    "Split", window, 3, null, CliKind.CODEX, false, null, null, null)),
            null,
            "fr",
            new AgentsProperties.Prompts(null));
    AgentRoster roster =
        AgentRoster.from(
            props,
            TmuxProperties.defaults().withSession(session, null),
            CliPatternCatalog.shipped());
    RosterValidator validator = new RosterValidator(sims.tmux);
    assertThatThrownBy(() -> validator.validate(roster))
        .isInstanceOf(RosterException.class)
        .hasMessageContaining(
            "agent AMP-2 (target " + session + ":" + window + ".0): same tmux pane")
        .hasMessageContaining("as agent AMP")
        .hasMessageContaining(
            "agent Codex (target " + session + ":nowindow): no such tmux window or pane")
        .hasMessageContaining("agent Split (target " + session + ":" + window + ".3)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("- agent AMP (target"));

    AgentRoster good = new AgentRoster(List.of(roster.require("AMP")));
    validator.validate(good);
  }

  @Test
  void rosterValidationWithoutServerSaysSo() {
    dev.baton.tmux.TmuxClient nowhere =
        new dev.baton.tmux.TmuxClient(
            "baton-test-none-" + ProcessHandle.current().pid(), Duration.ofSeconds(5));
    AgentRoster roster =
        new AgentRoster(
            List.of(
                new Agent(
                    "AMP",
                    "s:1",
                    CliKind.AMP,
                    false,
                    "w1",
                    null,
                    CliPatternCatalog.shipped().patterns(CliKind.AMP))));
    assertThatThrownBy(() -> new RosterValidator(nowhere).validate(roster))
        .isInstanceOf(RosterException.class)
        .hasMessageContaining("no tmux server is running");
  }

  @Test
  void interruptUsesEscapeAndSpacesCtrlC() {
    Interrupter interrupter =
        new Interrupter(
            sims.tmux, sims.probe(), TmuxProperties.defaults(), Clock.systemUTC(), Pause.REAL);
    SimWindows.Sim gentle = sims.open("Gentle", List.of("T-002"), "--hang");
    sims.submitter().submit(gentle.agent(), "Tâche T-002 : attends");
    InterruptResult r = interrupter.interrupt(gentle.agent());
    assertThat(r).isEqualTo(new InterruptResult(true, false, AgentState.IDLE));
    assertThat(gentle.logLines())
        .anyMatch(l -> l.endsWith("KEY ESC"))
        .noneMatch(l -> l.endsWith("KEY CTRL_C"));

    SimWindows.Sim stubborn = sims.open("Stubborn", List.of("T-003"), "--hang", "--ignore-escape");
    sims.submitter().submit(stubborn.agent(), "Tâche T-003 : attends");
    assertThat(interrupter.interrupt(stubborn.agent()).ctrlCSent()).isTrue();
    sims.submitter().submit(stubborn.agent(), "Tâche T-003 : encore");
    assertThat(interrupter.interrupt(stubborn.agent()).ctrlCSent()).isTrue();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> stubborn.logLines().stream().filter(l -> l.endsWith("KEY CTRL_C")).count() == 2);
    List<Instant> ctrlC =
        stubborn.logLines().stream()
            .filter(l -> l.endsWith("KEY CTRL_C"))
            .map(l -> Instant.parse(l.substring(0, l.indexOf(' '))))
            .toList();
    assertThat(Duration.between(ctrlC.get(0), ctrlC.get(1)))
        .isGreaterThanOrEqualTo(Duration.ofMillis(2400));
    assertThat(sims.probe().state(stubborn.agent())).isEqualTo(AgentState.IDLE);
  }
}
