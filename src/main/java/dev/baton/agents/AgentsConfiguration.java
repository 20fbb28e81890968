package dev.baton.agents;

import dev.baton.tmux.TmuxClient;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires tmux access and the agent roster from {@code baton.tmux.*}, {@code baton.agents}, {@code
 * baton.clis.*}, {@code baton.language} and {@code baton.prompts.*}. The roster is checked when the
 * context starts (fields always; against tmux when {@code baton.tmux.verify-on-start} is true), so
 * a bad configuration stops Baton with a message naming the agent and the key.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AgentsProperties.class, TmuxProperties.class})
public class AgentsConfiguration {

  @Bean
  @ConditionalOnMissingBean
  TmuxClient tmuxClient(TmuxProperties tmux) {
    return new TmuxClient(tmux.socket(), tmux.commandTimeout());
  }

  @Bean
  CliPatternCatalog cliPatternCatalog(AgentsProperties props) {
    return CliPatternCatalog.shipped().withOverrides(props.clis());
  }

  /** Checked against tmux by the start-up check, which knows whether a run is being resumed. */
  @Bean
  AgentRoster agentRoster(AgentsProperties props, TmuxProperties tmux, CliPatternCatalog catalog) {
    return AgentRoster.from(props, tmux, catalog);
  }

  @Bean
  StateProbe stateProbe(TmuxClient client, TmuxProperties tmux, ObjectProvider<Clock> clock) {
    return new StateProbe(
        client,
        tmux.captureLines(),
        tmux.captureHistory(),
        clock.getIfAvailable(Clock::systemDefaultZone));
  }

  @Bean
  PromptSubmitter promptSubmitter(
      TmuxClient client, StateProbe probe, TmuxProperties tmux, ObjectProvider<Clock> clock) {
    return new PromptSubmitter(
        client, probe, tmux, clock.getIfAvailable(Clock::systemUTC), Pause.REAL);
  }

  @Bean
  Interrupter interrupter(
      TmuxClient client, StateProbe probe, TmuxProperties tmux, ObjectProvider<Clock> clock) {
    return new Interrupter(client, probe, tmux, clock.getIfAvailable(Clock::systemUTC), Pause.REAL);
  }

  @Bean
  PromptTemplates promptTemplates(AgentsProperties props) {
    return new PromptTemplates(props.prompts().directory(), props.language());
  }
}
