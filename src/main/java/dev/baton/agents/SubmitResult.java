package dev.baton.agents;

import java.time.Duration;

/**
 * A delivered prompt.
 *
 * @param agent agent name
 * @param enterPresses Enter presses needed (1 when the first was taken)
 * @param elapsed from the start of the submit to the confirmation
 * @param confirmedBy BUSY when the pane showed work; IDLE when the text left the input line without
 *     a busy sign; WAITING_FOR_USER when the agent asked something right away
 * @param pasted whether the text went through a bracketed paste instead of typed keys
 */
public record SubmitResult(
    String agent, int enterPresses, Duration elapsed, AgentState confirmedBy, boolean pasted) {}
