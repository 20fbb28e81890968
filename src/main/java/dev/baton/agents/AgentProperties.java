package dev.baton.agents;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One entry of {@code baton.agents}. Give either {@code window} (in the session {@code
 * baton.tmux.session}, optionally with {@code pane}) or a full {@code target}.
 *
 * @param name agent name used in prompts and the board, e.g. {@code AMP-2}
 * @param window window index or name in the Baton session
 * @param pane pane index inside the window, when the window is split
 * @param target full tmux target {@code session:window[.pane]} or {@code %paneId}, instead of window
 * @param cli CLI kind: claude, codex, amp, gemini, antigravity, simulated or custom
 * @param lead whether this agent is the lead (planning); at most one
 * @param label label in "Assigned To" cells, default {@code w<window>}
 * @param language prompt language for this agent (fr, en); default baton.language
 * @param patterns screen patterns replacing the kind's ones for this agent only
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
    CliPatternsOverride patterns) {}
