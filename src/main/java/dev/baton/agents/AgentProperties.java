package dev.baton.agents;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One entry of {@code baton.agents}. Give either {@code window} (in the session {@code
 * baton.tmux.session}, optionally with {@code pane}) or a full {@code target}.
 *
 * @param name agent name used in prompts and the board, e.g. {@code AMP-2}
 * @param window window index or name in the Baton session
 * @param pane pane index inside the window, when the window is split
 * @param target full tmux target {@code session:window[.pane]} or {@code %paneId}, instead of
 *     window
 * @param cli CLI kind: claude, codex, amp, gemini, antigravity, simulated or custom
 * @param lead whether this agent is the lead (planning); at most one
 * @param label label in "Assigned To" cells, default {@code w<window>}
 * @param language prompt language for this agent (fr, en); default baton.language
 * @param patterns screen patterns replacing the kind's ones for this agent only
 * @param command how {@code agents up} starts this agent's CLI: program and arguments, run without
 *     a shell
 * @param env extra environment variables for that command
 * @param folder the folder the CLI starts in; default the workdir
 * @param trustFolder consent for {@code agents up} to answer the CLI's "trust this folder" dialog;
 *     without it the dialog is left to the person
 */
public record AgentProperties(
    String name,
    String window,
    Integer pane,
    String target,
    CliKind cli,
    @DefaultValue("false") boolean lead,
    String label,
    String language,
    CliPatternsOverride patterns,
    List<String> command,
    Map<String, String> env,
    Path folder,
    @DefaultValue("false") boolean trustFolder) {

  @ConstructorBinding
  public AgentProperties {
    command = command == null ? List.of() : List.copyOf(command);
    env = env == null ? Map.of() : Map.copyOf(env);
  }

  /** An agent that Baton does not start: its CLI runs in a window the user made. */
  public AgentProperties(
      String name,
      String window,
      Integer pane,
      String target,
      CliKind cli,
      boolean lead,
      String label,
      String language,
      CliPatternsOverride patterns) {
    this(
        name, window, pane, target, cli, lead, label, language, patterns, List.of(), Map.of(), null,
        false);
  }
}
