package dev.baton.agents;

import dev.baton.agents.ScreenCorpus.Sample;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Classifies every screen of the corpus with the shipped patterns and prints, per CLI kind, how
 * many screens got their labelled state exactly, and how many verdicts were unsafe: a non-idle
 * screen classed IDLE (Baton would type into it) or a dialog classed BUSY (Baton would send Escape
 * or C-c into it). Run: {@code mvn -o -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.baton.agents.ClassifierBenchmark}, or from an IDE.
 */
public final class ClassifierBenchmark {

  private ClassifierBenchmark() {}

  public static void main(String[] args) {
    CliPatternCatalog catalog = CliPatternCatalog.shipped().withOverrides(CliPatternsTest.CUSTOM);
    Map<CliKind, int[]> byKind = new TreeMap<>();
    Map<CliKind, Set<String>> versions = new TreeMap<>();
    int unsafeTotal = 0;
    StringBuilder misses = new StringBuilder();
    for (Sample s : ScreenCorpus.all()) {
      AgentState got = catalog.patterns(s.kind()).classify(s.screen());
      int[] c = byKind.computeIfAbsent(s.kind(), k -> new int[3]);
      c[0]++;
      if (got == s.state()) {
        c[1]++;
      } else {
        misses.append(
            String.format("  %-60s labelled %-16s classed %s%n", s.name(), s.state(), got));
      }
      if (CliPatternsTest.unsafe(s, got)) {
        c[2]++;
        unsafeTotal++;
      }
      if (!"?".equals(s.version())) {
        versions.computeIfAbsent(s.kind(), k -> new TreeSet<>()).add(s.version());
      }
    }
    System.out.printf(
        "%-12s %7s %7s %8s %7s  %s%n",
        "kind", "screens", "exact", "accuracy", "unsafe", "versions");
    int total = 0;
    int exact = 0;
    for (var e : byKind.entrySet()) {
      int[] c = e.getValue();
      total += c[0];
      exact += c[1];
      System.out.printf(
          "%-12s %7d %7d %7.1f%% %7d  %s%n",
          e.getKey().id(),
          c[0],
          c[1],
          100.0 * c[1] / c[0],
          c[2],
          String.join(" ", versions.getOrDefault(e.getKey(), Set.of())));
    }
    System.out.printf(
        "%-12s %7d %7d %7.1f%% %7d%n", "all", total, exact, 100.0 * exact / total, unsafeTotal);
    if (!misses.isEmpty()) {
      System.out.println("misclassified:");
      System.out.print(misses);
    }
  }
}
