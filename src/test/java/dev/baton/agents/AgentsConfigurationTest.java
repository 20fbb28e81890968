package dev.baton.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Binding from Spring configuration, next to another record on the same prefix. */
class AgentsConfigurationTest {

  /** Stands for another part of Baton binding its own keys under {@code baton}. */
  @ConfigurationProperties("baton")
  record OtherPartProperties(String board, Duration pollInterval) {}

  @Configuration
  @EnableConfigurationProperties(OtherPartProperties.class)
  static class OtherPart {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withUserConfiguration(AgentsConfiguration.class, OtherPart.class)
          .withPropertyValues(
              "baton.board=CLAUDE.md",
              "baton.poll-interval=80s",
              "baton.tmux.session=orchestration-moana",
              "baton.tmux.verify-on-start=false",
              "baton.tmux.submit-delay=700ms");

  @Test
  void bindsRosterOverridesAndSettings() {
    runner
        .withPropertyValues(
            "baton.language=en",
            "baton.agents[0].name=Claude",
            "baton.agents[0].window=3",
            "baton.agents[0].cli=claude",
            "baton.agents[0].lead=true",
            "baton.agents[1].name=AMP",
            "baton.agents[1].window=4",
            "baton.agents[1].cli=amp",
            "baton.agents[1].language=fr",
            "baton.clis.amp.busy[0]=Cogitating",
            "baton.agents[2].name=Tool",
            "baton.agents[2].target=tools:1.2",
            "baton.agents[2].cli=custom",
            "baton.agents[2].patterns.idle[0]=READY>",
            "baton.agents[2].patterns.busy[0]=WORKING")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              AgentRoster roster = ctx.getBean(AgentRoster.class);
              assertThat(roster.all())
                  .extracting(Agent::target)
                  .containsExactly("orchestration-moana:3", "orchestration-moana:4", "tools:1.2");
              assertThat(roster.lead()).map(Agent::name).contains("Claude");
              assertThat(roster.require("AMP").patterns().classify("Cogitating"))
                  .isEqualTo(AgentState.BUSY);
              // configured patterns add to the shipped ones
              assertThat(roster.require("AMP").patterns().classify("  ≈ Running tools..."))
                  .isEqualTo(AgentState.BUSY);
              assertThat(roster.require("Tool").patterns().classify("READY>"))
                  .isEqualTo(AgentState.IDLE);
              assertThat(ctx.getBean(TmuxProperties.class).submitDelay())
                  .isEqualTo(Duration.ofMillis(700));
              assertThat(ctx.getBean(OtherPartProperties.class).board()).isEqualTo("CLAUDE.md");
              PromptTemplates templates = ctx.getBean(PromptTemplates.class);
              assertThat(
                      templates.render(
                          PromptKind.TASK,
                          roster.require("AMP"),
                          java.util.Map.of(
                              "taskId", "T-001", "description", "x", "board", "CLAUDE.md")))
                  .startsWith("Tâche T-001");
              assertThat(
                      templates.render(
                          PromptKind.TASK,
                          roster.require("Claude"),
                          java.util.Map.of(
                              "taskId", "T-001", "description", "x", "board", "CLAUDE.md")))
                  .startsWith("Task T-001");
            });
  }

  @Test
  void bindsPatternsWithRegionsAndReplacement() {
    runner
        .withPropertyValues(
            "baton.tmux.capture-history=true",
            "baton.agents[0].name=Codex",
            "baton.agents[0].window=6",
            "baton.agents[0].cli=codex",
            "baton.clis.codex.busy[0].pattern=Compacting",
            "baton.clis.codex.busy[0].regions=status",
            "baton.clis.codex.checked-on=9.9.9",
            "baton.clis.codex.error[0]=Overloaded",
            "baton.clis.codex.replace=true")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              CliPatterns codex = ctx.getBean(AgentRoster.class).require("Codex").patterns();
              String bottom =
                  "\n• note\n\n› Ask Codex to do anything\n\n  model · ~/moana\n  ? for shortcuts";
              assertThat(codex.classify("Compacting" + bottom)).isEqualTo(AgentState.BUSY);
              // a status pattern: the same word typed far above decides nothing
              assertThat(codex.classify("Compacting\n" + "old output\n".repeat(8) + bottom))
                  .isEqualTo(AgentState.IDLE);
              // the busy list was replaced: the shipped "esc to interrupt" no longer counts
              assertThat(codex.classify("• Working (3s • esc to interrupt)\n› Ask Codex"))
                  .isEqualTo(AgentState.IDLE);
              assertThat(codex.classify("Overloaded\n› Ask Codex")).isEqualTo(AgentState.ERROR);
              // lists not given stay shipped
              assertThat(codex.classify("Press enter to confirm or esc to cancel"))
                  .isEqualTo(AgentState.WAITING_FOR_USER);
              assertThat(codex.checkedOn()).containsExactly("9.9.9");
              assertThat(ctx.getBean(TmuxProperties.class).captureHistory()).isTrue();
            });
  }

  @Test
  void defaultsInCodeMatchTheBoundDefaults() {
    new ApplicationContextRunner()
        .withUserConfiguration(AgentsConfiguration.class)
        .run(
            ctx ->
                assertThat(ctx.getBean(TmuxProperties.class)).isEqualTo(TmuxProperties.defaults()));
  }

  @Test
  void badRosterStopsStartWithANamedError() {
    runner
        .withPropertyValues(
            "baton.agents[0].name=AMP",
            "baton.agents[0].window=4",
            "baton.agents[0].cli=amp",
            "baton.agents[1].name=AMP-2",
            "baton.agents[1].window=4",
            "baton.agents[1].cli=amp")
        .run(
            ctx ->
                assertThat(ctx)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining(
                        "baton.agents[1] (AMP-2): target orchestration-moana:4 is already used by baton.agents[0] (AMP)"));
  }

  @Test
  void unknownCliKindIsRefusedAtBinding() {
    runner
        .withPropertyValues(
            "baton.agents[0].name=X", "baton.agents[0].window=4", "baton.agents[0].cli=cursor")
        .run(ctx -> assertThat(ctx).hasFailed());
  }

  @Test
  void zeroTimeoutIsRefused() {
    runner
        .withPropertyValues("baton.tmux.command-timeout=0s")
        .run(
            ctx ->
                assertThat(ctx)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("baton.tmux.command-timeout"));
  }
}
