package dev.baton.torture;

/**
 * One broken invariant with what proves it.
 *
 * @param episode episode number (1-based)
 * @param seed the episode's seed: {@code torture --seed <seed> --episodes 1} plays its faults again
 * @param detail one sentence with ids, agents and times
 */
record Violation(Invariant invariant, int episode, long seed, String detail) {
  @Override
  public String toString() {
    return "episode " + episode + " (seed " + seed + ") " + invariant.label + " BROKEN: " + detail;
  }
}
