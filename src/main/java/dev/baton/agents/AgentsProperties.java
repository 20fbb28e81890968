package dev.baton.agents;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The agent roster and what shapes the prompts. Binds only {@code baton.agents}, {@code
 * baton.clis}, {@code baton.language} and {@code baton.prompts}; other {@code baton.*} keys belong
 * to other parts.
 *
 * @param agents the coding agents, one tmux pane each
 * @param clis screen-pattern replacements per CLI kind (claude, codex, amp, gemini, antigravity,
 *     simulated, custom)
 * @param language prompt and board language, the one setting for it: fr (the method's original
 *     wording) or en
 * @param prompts where user-edited prompt templates live
 */
@ConfigurationProperties("baton")
public record AgentsProperties(
    List<AgentProperties> agents,
    Map<String, CliPatternsOverride> clis,
    @DefaultValue("fr") String language,
    @DefaultValue Prompts prompts) {

  public AgentsProperties {
    agents = agents == null ? List.of() : List.copyOf(agents);
    clis = clis == null ? Map.of() : Map.copyOf(clis);
    language = language == null ? "fr" : language;
    if (!language.equals("fr") && !language.equals("en")) {
      throw new IllegalArgumentException("baton.language must be fr or en, got '" + language + "'");
    }
  }

  /**
   * @param directory folder with {@code <language>/<kind>.txt} files overriding the shipped
   *     templates; unset means shipped templates only
   */
  public record Prompts(Path directory) {}
}
