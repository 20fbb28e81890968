package dev.baton.run;

import java.time.Instant;

/**
 * One transition of a run, as people want to read it: "T-003 COMPLETED by AMP". Emitted by the workers; the terminal
 * progress, the logs and the report all consume the same stream.
 *
 * @param taskId task concerned, or null for run-level events
 * @param agent agent concerned, or null
 * @param kind a stable word (prompted, completed, blocked, reassigned, interrupted, phase, …) for metrics and filters
 */
public record RunEvent(
    Instant at, String runId, String taskId, String agent, String kind, String message) {}
