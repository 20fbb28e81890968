package dev.baton.views;

/**
 * One agent of the roster as people see it.
 *
 * @param name roster name (Claude, AMP, …)
 * @param target tmux target of its pane ({@code session:window})
 * @param cli CLI kind (claude, codex, amp, gemini, sim, …)
 * @param state what its screen says now (IDLE, BUSY, RATE_LIMITED, DEAD, …)
 * @param taskId task it works on, or null when free
 */
public record AgentInfo(String name, String target, String cli, String state, String taskId) {}
