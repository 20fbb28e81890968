package dev.baton.api;

import dev.baton.run.RunCanceller;

/**
 * Outcome of a cancel.
 *
 * @param engineCancelled the process instance was cancelled (false when it had already ended in the
 *     engine)
 * @param agentsInterrupted the agents were told to stop (false when no {@link RunCanceller} is
 *     wired)
 */
public record CancelledRun(
    String runId, String phase, boolean engineCancelled, boolean agentsInterrupted) {}
