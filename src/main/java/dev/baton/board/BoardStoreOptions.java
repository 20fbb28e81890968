package dev.baton.board;

import java.time.Duration;

/**
 * Tuning of {@link BoardStore}.
 *
 * @param maxAttempts compare-and-swap rounds before giving up when agents keep writing
 * @param settleDelay pause between re-reads of a board that looks half-written (an agent's
 *     non-atomic write caught between truncate and write)
 * @param settleTimeout how long a half-written-looking board is re-read before Baton takes it as it
 *     is (fewer rows, a section gone: a deliberate edit) or, when the file ends in the middle of a
 *     row, refuses to write over it
 * @param guardRetention how long Baton's own writes are watched for being erased by an agent's
 *     write based on an older read (agents may hold a read for minutes)
 * @param maxGuards cap on the writes watched
 * @param restoreSeenStatuses let {@link BoardStore#reconcile()} restore a COMPLETED/BLOCKED that an
 *     earlier read saw and that went back without Baton changing it (statuses only move backwards
 *     through Baton in the seed's method)
 */
public record BoardStoreOptions(
    int maxAttempts,
    Duration settleDelay,
    Duration settleTimeout,
    Duration guardRetention,
    int maxGuards,
    boolean restoreSeenStatuses) {

  public static BoardStoreOptions defaults() {
    return new BoardStoreOptions(
        50, Duration.ofMillis(10), Duration.ofSeconds(2), Duration.ofHours(1), 10_000, true);
  }
}
