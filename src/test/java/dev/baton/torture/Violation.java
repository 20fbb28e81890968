package dev.baton.torture;

/**
 * One broken invariant with what proves it.
 *
 * @param episode episode number (1-based)
 * @param seed the episode's own seed (the run's seed + episode - 1); {@code --seed <run's seed>
 *     --episode <episode>} plays its faults again
 * @param detail one sentence with ids, agents and times
 */
record Violation(Invariant invariant, int episode, long seed, String detail) {
  @Override
  public String toString() {
    return "episode " + episode + " (seed " + seed + ") " + invariant.label + " BROKEN: " + detail;
  }
}
