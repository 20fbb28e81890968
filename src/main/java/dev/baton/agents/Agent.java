package dev.baton.agents;

import dev.baton.board.Assignee;

/**
 * One coding agent as Baton drives it.
 *
 * @param name name used in prompts and in the board ("AMP-2")
 * @param target tmux target of its pane: {@code session:window[.pane]} or {@code %paneId}
 * @param cli which CLI runs there
 * @param lead whether this agent plans and decomposes requests
 * @param label short window label shown in "Assigned To" cells, e.g. {@code w4}
 * @param language prompt language for this agent, or null for the global one
 * @param patterns screen patterns with kind and agent overrides applied
 */
public record Agent(
    String name,
    String target,
    CliKind cli,
    boolean lead,
    String label,
    String language,
    CliPatterns patterns) {

  /** The board's "Assigned To" cell for this agent: {@code AMP (w4)}. */
  public String assignedTo() {
    return new Assignee(name, label).cell();
  }

  public String languageOr(String fallback) {
    return language == null ? fallback : language;
  }
}
