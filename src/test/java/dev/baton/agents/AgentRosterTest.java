package dev.baton.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentRosterTest {

  private static final CliPatternCatalog CATALOG = CliPatternsTest.CATALOG;
  private static final TmuxProperties TMUX = TmuxProperties.defaults().withSession("moana", null);

  private static AgentProperties agent(String name, String window, CliKind cli) {
    return new AgentProperties(name, window, null, null, cli, false, null, null, null);
  }

  private static AgentsProperties props(AgentProperties... agents) {
    return new AgentsProperties(
        Arrays.asList(agents), Map.of(), "fr", new AgentsProperties.Prompts(null));
  }

  @Test
  void buildsTargetsLabelsAndLead() {
    AgentRoster roster =
        AgentRoster.from(
            props(
                new AgentProperties(
                    "Claude", "3", null, null, CliKind.CLAUDE, true, null, null, null),
                agent("AMP", "4", CliKind.AMP),
                new AgentProperties("AMP-2", "5", 1, null, CliKind.AMP, false, null, "en", null),
                new AgentProperties(
                    "Codex", null, null, "other:codex", CliKind.CODEX, false, null, null, null)),
            TMUX,
            CATALOG);
    assertThat(roster.all())
        .extracting(Agent::target)
        .containsExactly("moana:3", "moana:4", "moana:5.1", "other:codex");
    assertThat(roster.all())
        .extracting(Agent::assignedTo)
        .containsExactly("Claude (w3)", "AMP (w4)", "AMP-2 (w5)", "Codex (codex)");
    assertThat(roster.lead()).map(Agent::name).contains("Claude");
    assertThat(roster.workers()).extracting(Agent::name).containsExactly("AMP", "AMP-2", "Codex");
    assertThat(roster.require("amp-2").languageOr("fr")).isEqualTo("en");
    assertThat(roster.require("AMP").languageOr("fr")).isEqualTo("fr");
    assertThatThrownBy(() -> roster.require("Gemini")).hasMessageContaining("Gemini");
  }

  @Test
  void reportsEveryProblemWithAgentAndKey() {
    assertThatThrownBy(
            () ->
                AgentRoster.from(
                    props(
                        agent("AMP", "4", CliKind.AMP),
                        agent("amp", "5", CliKind.AMP),
                        agent("Codex", "4", CliKind.CODEX),
                        agent("Bad", "4;kill-server", CliKind.CODEX),
                        agent("Dash", "-t", CliKind.CODEX),
                        agent("NoCli", "7", null),
                        agent("NoWindow", null, CliKind.GEMINI),
                        new AgentProperties(
                            "Both", "8", null, "moana:8", CliKind.CLAUDE, false, null, null, null),
                        new AgentProperties(
                            "Target",
                            null,
                            null,
                            "moana:9 -e",
                            CliKind.CLAUDE,
                            false,
                            null,
                            null,
                            null),
                        new AgentProperties(
                            "Lead1", "10", null, null, CliKind.CLAUDE, true, null, null, null),
                        new AgentProperties(
                            "Lead2", "11", null, null, CliKind.CLAUDE, true, null, null, null),
                        agent("Mystery", "12", CliKind.CUSTOM),
                        new AgentProperties(
                            "Lang", "13", null, null, CliKind.CLAUDE, false, null, "french", null),
                        agent("-x", "14", CliKind.CLAUDE)),
                    TMUX,
                    CliPatternCatalog.shipped()))
        .isInstanceOf(RosterException.class)
        .hasMessageContaining(
            "baton.agents[1] (amp).name: 'amp' is already used by baton.agents[0] (AMP)")
        .hasMessageContaining(
            "baton.agents[2] (Codex): target moana:4 is already used by baton.agents[0] (AMP)")
        .hasMessageContaining("baton.agents[3] (Bad).window: '4;kill-server'")
        .hasMessageContaining("baton.agents[4] (Dash).window: '-t'")
        .hasMessageContaining("baton.agents[5] (NoCli).cli: missing")
        .hasMessageContaining("baton.agents[6] (NoWindow).window: missing")
        .hasMessageContaining("baton.agents[7] (Both): give either window")
        .hasMessageContaining("baton.agents[8] (Target).target: 'moana:9 -e'")
        .hasMessageContaining("baton.agents[10] (Lead2).lead: only one lead")
        .hasMessageContaining(
            "baton.agents[11] (Mystery).patterns: CLI kind 'custom' has no idle or busy patterns")
        .hasMessageContaining("baton.agents[12] (Lang).language")
        .hasMessageContaining("baton.agents[13] (-x).name");
  }

  @Test
  void sessionAndSocketAreChecked() {
    assertThatThrownBy(
            () ->
                AgentRoster.from(
                    props(), TmuxProperties.defaults().withSession("a:b", null), CATALOG))
        .hasMessageContaining("baton.tmux.session");
    assertThatThrownBy(
            () ->
                AgentRoster.from(
                    props(), TmuxProperties.defaults().withSession("ok", "-Sfoo"), CATALOG))
        .hasMessageContaining("baton.tmux.socket");
  }

  @Test
  void perAgentPatternsReplaceTheKindOnes() {
    AgentRoster roster =
        AgentRoster.from(
            props(
                new AgentProperties(
                    "Mine",
                    "2",
                    null,
                    null,
                    CliKind.CUSTOM,
                    false,
                    "me",
                    null,
                    CliPatternsOverride.of(
                        List.of("READY>"), List.of("BUSY!"), null, null, null, null))),
            TMUX,
            CliPatternCatalog.shipped());
    Agent mine = roster.require("Mine");
    assertThat(mine.assignedTo()).isEqualTo("Mine (me)");
    assertThat(mine.patterns().classify("READY>")).isEqualTo(AgentState.IDLE);
    assertThat(mine.patterns().classify("BUSY!")).isEqualTo(AgentState.BUSY);
  }
}
