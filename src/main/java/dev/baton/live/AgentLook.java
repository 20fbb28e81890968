package dev.baton.live;

/**
 * One agent as the page shows it: what its screen says, which rule said so, and where the pool has
 * it.
 *
 * @param state the screen's state (IDLE, BUSY, WAITING_FOR_USER, RATE_LIMITED, EXITED, DEAD, …)
 * @param rule the rule and line that decided the state, in one line
 * @param availability the pool's word for it (FREE, BUSY, COOLING, GONE), or null when the pool
 *     does not know it
 * @param taskId the task it holds, or null
 * @param reason why the pool rests or removed it, or null
 */
public record AgentLook(
    String name,
    String target,
    String cli,
    String state,
    String rule,
    String availability,
    String taskId,
    String reason) {}
