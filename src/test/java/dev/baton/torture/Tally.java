package dev.baton.torture;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Counts over the whole torture run, and the closing table. */
final class Tally {
  final Map<Fault, Integer> faults = new EnumMap<>(Fault.class);
  final Map<Invariant, Integer> broken = new EnumMap<>(Invariant.class);
  final List<Violation> violations = new ArrayList<>();
  int runs;
  int reported;
  int restarts;
  int repairs;
  int promptsReceived;
  int promptsJournaled;
  int completedSeen;
  int logLinesSeen;

  /**
   * A restarted Baton refused to start over a dead pane (reported once; later restarts go round
   * it).
   */
  volatile boolean restartRefused;

  synchronized void fault(Fault f) {
    faults.merge(f, 1, Integer::sum);
  }

  synchronized void fault(Fault f, int n) {
    faults.merge(f, n, Integer::sum);
  }

  synchronized void violation(Violation v) {
    violations.add(v);
    broken.merge(v.invariant(), 1, Integer::sum);
  }

  void print(PrintStream out, long seed, double minutes, long elapsedSeconds, int agents) {
    out.println();
    out.printf(
        "Baton torture: seed %d, %.1f min asked, %d s taken, %d agents per run%n",
        seed, minutes, elapsedSeconds, agents);
    out.println("+------------------------------------------------+--------+");
    out.println("| faults injected                                |  count |");
    out.println("+------------------------------------------------+--------+");
    int total = 0;
    for (Fault f : Fault.values()) {
      int n = faults.getOrDefault(f, 0);
      total += n;
      out.printf("| %-46s | %6d |%n", f.label, n);
    }
    out.printf("| %-46s | %6d |%n", "total", total);
    out.println("+------------------------------------------------+--------+");
    row(out, "runs", runs);
    row(out, "runs that ended with their report", reported);
    row(out, "Baton restarts (after kill -9)", restarts);
    row(out, "repairs seen (Baton's board repairs)", repairs);
    row(out, "prompts received by agents", promptsReceived);
    row(out, "prompts in the run journals", promptsJournaled);
    row(out, "COMPLETED statuses seen", completedSeen);
    row(out, "completion-log lines seen", logLinesSeen);
    out.println("+------------------------------------------------+--------+");
    out.println("| invariant                                      | broken |");
    out.println("+------------------------------------------------+--------+");
    for (Invariant i : Invariant.values()) {
      out.printf("| %-46s | %6d |%n", i.label, broken.getOrDefault(i, 0));
    }
    out.println("+------------------------------------------------+--------+");
    out.println(
        violations.isEmpty()
            ? "losses = 0, duplicates = 0: every invariant held"
            : violations.size() + " invariant violation(s):");
    violations.forEach(v -> out.println("  - " + v));
  }

  private static void row(PrintStream out, String label, int n) {
    out.printf("| %-46s | %6d |%n", label, n);
  }
}
