/**
 * The coding agents Baton drives through tmux: the roster from configuration ({@code baton.agents},
 * {@code baton.tmux.*}, {@code baton.clis.*}), per-CLI screen patterns (shipped in {@code
 * baton/cli-patterns.yaml}; configuration adds to them) with a pure classifier that reads the
 * visible screen by region and explains its verdict, the state probe, reliable prompt submission
 * that types only on positive idle, interrupts sent only to a busy screen, and the prompt templates
 * ({@code baton/prompts/<lang>/<kind>.txt}).
 *
 * <p>Prompts are rendered on one line and typed with {@code send-keys -l}; text longer than {@code
 * baton.tmux.paste-threshold} or containing newlines goes through a bracketed paste.
 */
package dev.baton.agents;
