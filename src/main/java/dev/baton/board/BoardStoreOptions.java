package dev.baton.board;

import java.time.Duration;

/**
 * Tuning of {@link BoardStore}.
 *
 * @param maxAttempts     compare-and-swap rounds before giving up when agents keep writing
 * @param settleDelay     pause before re-reading a board that looks half-written (an agent's
 *                        non-atomic write caught between truncate and write)
 * @param settleAttempts  re-reads of a half-written-looking board before accepting it as is
 * @param guardRetention  how long Baton's own writes are watched for being erased by an agent's
 *                        write based on an older read (agents may hold a read for minutes)
 * @param maxGuards       cap on the writes watched
 * @param restoreSeenStatuses let {@link BoardStore#reconcile()} restore a COMPLETED/BLOCKED that an
 *                        earlier read saw and that went back without Baton changing it (statuses
 *                        only move backwards through Baton in the seed's method)
 */
public record BoardStoreOptions(int maxAttempts, Duration settleDelay, int settleAttempts, Duration guardRetention,
                                int maxGuards, boolean restoreSeenStatuses) {

    public static BoardStoreOptions defaults() {
        return new BoardStoreOptions(50, Duration.ofMillis(10), 5, Duration.ofHours(1), 10_000, true);
    }
}
