package dev.baton.workers;

import dev.baton.agents.CliKind;
import dev.baton.hooks.HookInstaller;
import dev.baton.run.RunEvent;
import dev.baton.run.RunLauncher;
import dev.baton.run.RunParameters;
import dev.baton.workers.Team.Member;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How much sooner a completion is acted on with the hooks' doorbell than without it, side by side
 * in one run, on a real tmux server and the embedded engine. The simulated agents end each turn by
 * running the Stop hooks of the workdir's {@code .claude/settings.local.json} as Claude Code does;
 * with the doorbell those are the ones {@code baton hooks install} writes, without it there are
 * none. Latency: the agent writes COMPLETED on the board (the simulator's log, at the write) →
 * Baton reads it (the task's {@code completed} event). Measured with the board watcher on (the
 * default) and off (a board on a file system without change events), the poll timer at 30 s and the
 * idle nudge at its default 5 s. Not a test: run it by hand.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.baton.workers.DoorbellBenchmark [tasks]
 * </pre>
 */
public final class DoorbellBenchmark {

  private static final List<String> AGENTS = List.of("Claude", "AMP", "Codex");
  private static final Duration POLL = Duration.ofSeconds(30);

  public static void main(String[] args) throws Exception {
    report(args.length > 0 ? Integer.parseInt(args[0]) : 12);
    // the in-process engine leaves a non-daemon timer thread behind its closed context
    System.exit(0);
  }

  /** Measures the four cases and prints them as one table. */
  static void report(int tasks) throws Exception {
    System.out.printf(
        "DoorbellBenchmark on JDK %s, %d cores: %d tasks on %d simulated agents, work 1-3 s, poll %d s, idle-nudge 5 s%n",
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        tasks,
        AGENTS.size(),
        POLL.toSeconds());
    System.out.println(
        "board COMPLETED written -> Baton reads it (ms)   without doorbell          with doorbell");
    System.out.println(
        "                                              median   p90    max     median   p90    max");
    for (boolean watch : List.of(true, false)) {
      List<Long> without = measure(tasks, watch, false);
      List<Long> with = measure(tasks, watch, true);
      System.out.printf(
          Locale.ROOT,
          "%-46s%6d %6d %6d     %6d %6d %6d%n",
          watch ? "board watcher on (default)" : "board watcher off",
          pct(without, 50),
          pct(without, 90),
          pct(without, 100),
          pct(with, 50),
          pct(with, 90),
          pct(with, 100));
    }
  }

  /** Latencies of the feature tasks' completions in one run, in milliseconds. */
  static List<Long> measure(int tasks, boolean watch, boolean doorbell) throws Exception {
    Path dir = Files.createTempDirectory("baton-bench-doorbell");
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < AGENTS.size(); i++) {
      List<String> options = new ArrayList<>(List.of("--work", "1s..3s", "--claude-hooks"));
      members.add(
          i == 0
              ? Member.lead(AGENTS.get(i), options.toArray(String[]::new))
              : Member.of(AGENTS.get(i), options.toArray(String[]::new)));
    }
    try (Team team = new Team(dir, members).with("--baton.watch=" + watch)) {
      if (doorbell) {
        for (String agent : AGENTS) {
          new HookInstaller().install(CliKind.CLAUDE, agent, team.workdir);
        }
      }
      team.start();
      StringBuilder request = new StringBuilder();
      for (int i = 1; i <= tasks; i++) {
        request.append("- Feature ").append(i).append('\n');
      }
      String runId =
          team.bean(RunLauncher.class)
              .start(request.toString(), new RunParameters(POLL, 2, 3, 3))
              .runId();
      Instant end = Instant.now().plus(Duration.ofMinutes(10));
      while (completed(team, runId).size() < tasks && Instant.now().isBefore(end)) {
        Thread.sleep(500);
      }
      Map<String, Instant> read = completed(team, runId);
      Map<String, Instant> written = new HashMap<>();
      for (String agent : AGENTS) {
        for (String line : Team.lines(team.log(agent))) {
          String[] parts = line.split(" ");
          if (parts.length >= 4 && parts[1].equals("BOARD") && parts[3].equals("COMPLETED")) {
            written.merge(parts[2], Instant.parse(parts[0]), (a, b) -> a.isBefore(b) ? a : b);
          }
        }
      }
      List<Long> out = new ArrayList<>();
      for (int i = 1; i <= tasks; i++) {
        String id = String.format("T-%03d", i);
        if (read.containsKey(id) && written.containsKey(id)) {
          out.add(Math.max(0, Duration.between(written.get(id), read.get(id)).toMillis()));
        }
      }
      Collections.sort(out);
      return out;
    }
  }

  private static Map<String, Instant> completed(Team team, String runId) {
    Map<String, Instant> first = new HashMap<>();
    for (RunEvent e : team.events(runId, "completed")) {
      first.putIfAbsent(e.taskId(), e.at());
    }
    return first;
  }

  private static long pct(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }
}
