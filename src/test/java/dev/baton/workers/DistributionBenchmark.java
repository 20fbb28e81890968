package dev.baton.workers;

import dev.baton.board.Board;
import dev.baton.board.TaskStatus;
import dev.baton.run.RunLauncher;
import dev.baton.run.RunParameters;
import dev.baton.workers.Team.Member;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Measures how fast Baton reacts and how close to ideal it keeps a team busy, with simulated agents
 * whose work time is fixed and known, on a real tmux server and the embedded engine. Not a test:
 * run it by hand.
 *
 * <pre>
 * mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.baton.workers.DistributionBenchmark
 * </pre>
 *
 * <ul>
 *   <li>Reaction latency: an agent writes COMPLETED on the board (the simulator's own log, at the
 *       write) → the first keystroke of its next prompt arrives in its pane (the simulator logs
 *       TYPING). The 80 s poll timer stays at its default, so only the board watcher's message can
 *       explain a fast reaction. Two runs on one Baton: right after start-up, then warm.
 *   <li>Makespan ratio: 40 tasks on 4 agents, total time (run start → last feature COMPLETED) ÷
 *       ideal (sum of work ÷ agents), with watch events on, then with them off and a short poll
 *       interval instead, side by side.
 *   <li>{@code --submit-compare}: the paste confirmed by a fixed pause beside the paste confirmed
 *       by the screen, reaction up to the prompt submitted and makespan ratio, two rounds.
 * </ul>
 */
public final class DistributionBenchmark {

  public static void main(String[] args) throws Exception {
    int latencyTasks = args.length > 0 ? Integer.parseInt(args[0]) : 220;
    System.out.printf(
        "DistributionBenchmark on JDK %s, %d cores%n",
        Runtime.version(), Runtime.getRuntime().availableProcessors());

    System.out.println(
        "settings: baton.tmux.submit-delay="
            + SUBMIT_DELAY
            + " (the simulated CLI needs no paste pause), idle-nudge 5s (the default)");
    if (List.of(args).contains("--statistics-overhead")) {
      statisticsOverhead(latencyTasks);
      System.exit(0);
    }
    if (List.of(args).contains("--submit-compare")) {
      submitCompare(latencyTasks);
      System.exit(0);
    }
    if (latencyTasks > 0) {
      latency(latencyTasks);
    }
    if (List.of(args).contains("--latency-only")) {
      System.exit(0);
    }
    Duration work = Duration.ofSeconds(6);
    double watched = makespan(work, true, Duration.ofSeconds(80));
    double polled = makespan(work, false, Duration.ofSeconds(5));
    System.out.printf(
        Locale.ROOT,
        "makespan ratio, 40 tasks x 4 agents, work %d s each (ideal %d s):%n",
        work.toSeconds(),
        40 * work.toSeconds() / 4);
    System.out.printf(Locale.ROOT, "  watch events on  (poll 80 s): %.3f%n", watched);
    System.out.printf(Locale.ROOT, "  watch events off (poll  5 s): %.3f%n", polled);
    // the in-process engine leaves a non-daemon timer thread behind its closed context
    System.exit(0);
  }

  /**
   * Two runs of {@code tasks} tasks on one Baton: the first right after start-up (JVM and engine
   * cold, the engine creating all the run's task instances while the first completions arrive), the
   * second on the same, now warm, Baton, as a served Baton takes its later requests.
   */
  private static void latency(int tasks, String... settings) throws Exception {
    Path dir = Files.createTempDirectory("baton-bench-latency");
    List<Member> team = team("400ms");
    try (Team t =
        new Team(dir, team)
            .with(
                settings.length > 0
                    ? settings
                    : new String[] {"--baton.tmux.submit-delay=" + SUBMIT_DELAY})
            .start()) {
      Finished cold = runFeatures(t, tasks, Duration.ofSeconds(80));
      String coldRun = cold.runId();
      // the first run's test phase and report must not overlap the second run
      t.bean(dev.baton.run.RunRegistry.class).awaitEnd(coldRun, Duration.ofMinutes(10));
      Finished warm = runFeatures(t, tasks, Duration.ofSeconds(80));
      String warmRun = warm.runId();
      List<Reaction> all = new ArrayList<>();
      for (Member m : team) {
        all.addAll(latencies(m.name(), t.log(m.name())));
      }
      // a reaction belongs to the run whose task was completed; test tasks are not counted
      List<Reaction> coldReactions = all.stream().filter(r -> cold.ran(r.taskId())).toList();
      List<Reaction> warmReactions = all.stream().filter(r -> warm.ran(r.taskId())).toList();
      System.out.println("first run, right after start-up:");
      printStages(t, coldRun, coldReactions);
      print(
          "  reaction latency (COMPLETED written -> next prompt's first keystroke)", coldReactions);
      printSubmitted("  COMPLETED written -> next prompt submitted", coldReactions);
      Instant settled =
          coldReactions.stream()
              .map(Reaction::wrote)
              .min(Instant::compareTo)
              .orElseThrow()
              .plusSeconds(10);
      print(
          "  the same after the run's first 10 s (engine creating the instances)",
          coldReactions.stream().filter(r -> r.wrote().isAfter(settled)).toList());
      System.out.println("second run, same Baton:");
      printStages(t, warmRun, warmReactions);
      print(
          "  reaction latency (COMPLETED written -> next prompt's first keystroke)", warmReactions);
      printSubmitted("  COMPLETED written -> next prompt submitted", warmReactions);
      long recovered =
          java.util.stream.Stream.of(coldRun, warmRun)
              .flatMap(run -> t.bean(dev.baton.run.RunEvents.class).of(run).stream())
              .filter(e -> e.kind().equals("interrupted"))
              .count();
      System.out.println(
          "completions lost in agents' simultaneous whole-file writes and recovered by the inactivity rule: "
              + recovered);
    }
  }

  private static final String SUBMIT_DELAY = "150ms";

  /**
   * The element statistics (the live page's tokens) off and on, side by side: Batons started one
   * after the other, off, on, off, on, each with a warm-up run of 20 tasks and then a measured run
   * of {@code tasks} tasks of 400 ms; per Baton the measured run's time until all its tasks are
   * COMPLETED, its reaction latency and the process CPU time it used, and with statistics on the
   * CPU time of the statistics follower itself.
   */
  private static void statisticsOverhead(int tasks) throws Exception {
    var os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    java.util.Map<Boolean, List<long[]>> results = new java.util.TreeMap<>();
    for (boolean on : List.of(false, true, false, true)) {
      Path dir = Files.createTempDirectory("baton-bench-statistics");
      List<Member> team = team("400ms");
      try (Team t =
          new Team(dir, team)
              // an agent set aside on a loaded machine comes back soon instead of stalling the
              // measure for minutes
              .with(
                  "--baton.tmux.submit-delay=" + SUBMIT_DELAY,
                  "--baton.live.element-statistics=" + on,
                  "--baton.cooldown=5s")
              .start()) {
        Finished warmUp = runFeatures(t, 20, Duration.ofSeconds(80));
        t.bean(dev.baton.run.RunRegistry.class).awaitEnd(warmUp.runId(), Duration.ofMinutes(10));
        long followerBefore = followerCpu(threads);
        long cpu0 = os.getProcessCpuTime();
        Finished run = runFeatures(t, tasks, Duration.ofSeconds(80));
        long cpu = os.getProcessCpuTime() - cpu0;
        long follower = followerCpu(threads) - followerBefore;
        List<Long> reactions = new ArrayList<>();
        for (Member m : team) {
          latencies(m.name(), t.log(m.name())).stream()
              .filter(r -> run.ran(r.taskId()))
              .forEach(r -> reactions.add(r.millis()));
        }
        Collections.sort(reactions);
        long[] row = {
          run.took().toMillis(),
          pct(reactions, 50),
          pct(reactions, 95),
          cpu / 1_000_000,
          follower / 1_000_000
        };
        results.computeIfAbsent(on, k -> new ArrayList<>()).add(row);
        System.out.printf(
            Locale.ROOT,
            "  statistics %-3s: %d tasks COMPLETED in %d ms, reaction p50 %d / p95 %d ms, process CPU %d ms, follower CPU %d ms%n",
            on ? "on" : "off",
            tasks,
            row[0],
            row[1],
            row[2],
            row[3],
            row[4]);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "element statistics overhead, %d tasks x 4 agents x 400 ms (mean of 2 Batons each):%n",
        tasks);
    String[] names = {
      "run time ms", "reaction p50 ms", "reaction p95 ms", "process CPU ms", "follower CPU ms"
    };
    for (int i = 0; i < names.length; i++) {
      double off = mean(results.get(false), i);
      double on = mean(results.get(true), i);
      System.out.printf(
          Locale.ROOT,
          "  %-16s off %8.0f  on %8.0f  %+.1f %%%n",
          names[i],
          off,
          on,
          off == 0 ? 0 : 100 * (on - off) / off);
    }
  }

  private static double mean(List<long[]> rows, int column) {
    return rows.stream().mapToLong(r -> r[column]).average().orElse(0);
  }

  /** CPU time of the element statistics' follower thread(s), 0 when there is none. */
  private static long followerCpu(java.lang.management.ThreadMXBean threads) {
    long total = 0;
    for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().equals("baton-element-statistics")) {
        total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return total;
  }

  /**
   * One reaction: which agent wrote which task COMPLETED when, and when its next prompt's first key
   * arrived.
   */
  record Reaction(String agent, String taskId, Instant wrote, Instant typing, Instant submitted) {
    long millis() {
      return Duration.between(wrote, typing).toMillis();
    }
  }

  private static void printSubmitted(String title, List<Reaction> reactions) {
    print(
        title,
        reactions.stream()
            .filter(r -> r.submitted() != null)
            .map(r -> new Reaction(r.agent(), r.taskId(), r.wrote(), r.submitted(), r.submitted()))
            .toList());
  }

  /**
   * The paste confirmed by a fixed pause (the former defaults: 500 ms, screens re-read every 100
   * ms) beside the paste confirmed by the screen (the defaults), each on its own Baton: reaction
   * latency up to the next prompt submitted, and the makespan ratio of 40 tasks of 6 s on 4 agents
   * against the zero-latency greedy schedule.
   */
  private static void submitCompare(int tasks) throws Exception {
    String[] fixed = {
      "--baton.tmux.echo-confirm=false",
      "--baton.tmux.submit-poll=100ms",
      "--baton.tmux.submit-delay=500ms"
    };
    String[] screen = {"--baton.tmux.submit-delay=500ms"};
    Duration work = Duration.ofSeconds(6);
    for (int round = 1; round <= 1; round++) {
      for (String[] settings : List.of(fixed, screen)) {
        System.out.printf(
            Locale.ROOT,
            "== round %d, %s, load average %.2f%n",
            round,
            String.join(" ", settings),
            java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
        if (tasks > 0) {
          latency(tasks, settings);
        }
        double ratio = makespan(work, true, Duration.ofSeconds(80), settings);
        System.out.printf(
            Locale.ROOT,
            "  makespan ratio, 40 tasks x 4 agents x %d s: %.3f%n",
            work.toSeconds(),
            ratio);
      }
    }
  }

  private static void print(String title, List<Reaction> reactions) {
    List<Long> ms = new ArrayList<>(reactions.stream().map(Reaction::millis).toList());
    Collections.sort(ms);
    if (ms.isEmpty()) {
      System.out.println(title + ": no events");
      return;
    }
    long over = ms.stream().filter(m -> m > 1000).count();
    System.out.printf(
        Locale.ROOT,
        "%s, %d events: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms (%d over 1 s)%n",
        title,
        ms.size(),
        pct(ms, 50),
        pct(ms, 95),
        pct(ms, 99),
        ms.getLast(),
        over);
  }

  /**
   * @return total ÷ ideal
   */
  private static double makespan(Duration work, boolean watch, Duration poll, String... settings)
      throws Exception {
    Path dir = Files.createTempDirectory("baton-bench-makespan");
    List<String> with = new ArrayList<>(List.of("--baton.watch=" + watch));
    with.addAll(
        settings.length > 0
            ? List.of(settings)
            : List.of("--baton.tmux.submit-delay=" + SUBMIT_DELAY));
    try (Team t =
        new Team(dir, team(work.toMillis() + "ms")).with(with.toArray(String[]::new)).start()) {
      Duration total = runFeatures(t, 40, poll).took();
      double ideal = 40.0 * work.toMillis() / 4;
      System.out.printf(
          Locale.ROOT,
          "  (watch %s: %d tasks done in %.1f s)%n",
          watch,
          40,
          total.toMillis() / 1000.0);
      return total.toMillis() / ideal;
    }
  }

  private static List<Member> team(String work) {
    return List.of(
        Member.lead("A1", "--work", work),
        Member.of("A2", "--work", work),
        Member.of("A3", "--work", work),
        Member.of("A4", "--work", work));
  }

  /**
   * A finished run: its id, how long it took, and its tasks' numbers ({@code after + 1 … after +
   * n}).
   */
  record Finished(String runId, Duration took, int after, int n) {
    /** Whether {@code taskId} is one of this run's tasks (not a test task, not another run's). */
    boolean ran(String taskId) {
      if (taskId == null || !taskId.matches("T-\\d+")) {
        return false;
      }
      int number = Integer.parseInt(taskId.substring(2));
      return number > after && number <= after + n;
    }
  }

  /**
   * Starts a run of {@code n} independent tasks and waits until every one is COMPLETED on the
   * board. Task ids continue from the board's highest.
   */
  private static Finished runFeatures(Team team, int n, Duration poll) throws InterruptedException {
    int after =
        team.readBoard().tasks().stream().mapToInt(r -> (int) r.id().number()).max().orElse(0);
    StringBuilder request = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      request.append("- Task number ").append(i).append('\n');
    }
    Instant start = Instant.now();
    String runId =
        team.bean(RunLauncher.class)
            .start(request.toString(), new RunParameters(poll, 2, 3, 3))
            .runId();
    while (true) {
      Board board = team.readBoard();
      long done =
          board.tasks().stream()
              .filter(r -> r.id().number() > after && r.id().number() <= after + n)
              .filter(r -> r.status() == TaskStatus.COMPLETED)
              .count();
      if (done == n) {
        return new Finished(runId, Duration.between(start, Instant.now()), after, n);
      }
      if (Duration.between(start, Instant.now()).toMinutes() > 6) {
        throw new IllegalStateException("only " + done + " of " + n + " tasks done after 6 min");
      }
      // each look parses the whole board: looking more often would take CPU from the run being
      // measured
      Thread.sleep(100);
    }
  }

  /**
   * Splits each reaction in three: board write → the poll step reads COMPLETED (watcher, message,
   * check job), → the next prompt's write-ahead record (free the agent, wake the waiting task,
   * reserve, mark the board), → first keystroke (the submit). Prints each stage's median, so that
   * the total above can be explained.
   */
  private static void printStages(Team t, String runId, List<Reaction> reactions) {
    java.util.Map<String, Instant> checked = new java.util.HashMap<>();
    t.bean(dev.baton.run.RunEvents.class).of(runId).stream()
        .filter(e -> e.kind().equals("completed"))
        .forEach(e -> checked.putIfAbsent(e.taskId(), e.at()));
    var prompts = t.bean(dev.baton.run.RunJournal.class).get(runId).orElseThrow().prompts();
    Instant first = reactions.stream().map(Reaction::wrote).min(Instant::compareTo).orElseThrow();
    List<Long> seen = new ArrayList<>();
    List<Long> chain = new ArrayList<>();
    List<Long> typed = new ArrayList<>();
    for (Reaction r : reactions) {
      Instant check = checked.get(r.taskId());
      if (check == null) {
        continue;
      }
      prompts.stream()
          .filter(p -> p.agent().equals(r.agent()) && !p.at().isBefore(check))
          .findFirst()
          .ifPresent(
              record -> {
                seen.add(Duration.between(r.wrote(), check).toMillis());
                chain.add(Duration.between(check, record.at()).toMillis());
                typed.add(Duration.between(record.at(), r.typing()).toMillis());
                if (r.millis() > 1000) {
                  System.out.printf(
                      Locale.ROOT,
                      "  over 1 s: %s %s at +%d ms: read %d, recorded %d, typed %d%n",
                      r.agent(),
                      r.taskId(),
                      Duration.between(first, r.wrote()).toMillis(),
                      Duration.between(r.wrote(), check).toMillis(),
                      Duration.between(check, record.at()).toMillis(),
                      Duration.between(record.at(), r.typing()).toMillis());
                }
              });
    }
    for (List<Long> l : List.of(seen, chain, typed)) {
      Collections.sort(l);
    }
    System.out.printf(
        Locale.ROOT,
        "  stages (median over %d): write -> COMPLETED read by the poll step %d ms, -> prompt recorded %d ms,"
            + " -> first keystroke %d ms%n",
        seen.size(),
        pct(seen, 50),
        pct(chain, 50),
        pct(typed, 50));
  }

  /**
   * Pairs each COMPLETED the agent wrote with the first keystroke of the prompt that followed it.
   */
  private static List<Reaction> latencies(String agent, Path log) {
    List<Reaction> out = new ArrayList<>();
    String task = null;
    Instant completedAt = null;
    Reaction typed = null;
    for (String line : Team.lines(log)) {
      String[] parts = line.split(" ");
      if (parts.length < 2) {
        continue;
      }
      Instant at = Instant.parse(parts[0]);
      if (parts[1].equals("BOARD") && parts.length > 3 && parts[3].equals("COMPLETED")) {
        task = parts[2];
        completedAt = at;
      } else if (parts[1].equals("TYPING") && completedAt != null) {
        typed = new Reaction(agent, task, completedAt, at, null);
        out.add(typed);
        completedAt = null;
      } else if (parts[1].equals("PROMPT") && typed != null) {
        out.set(
            out.size() - 1, new Reaction(agent, typed.taskId(), typed.wrote(), typed.typing(), at));
        typed = null;
      }
    }
    return out;
  }

  private static long pct(List<Long> sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  private DistributionBenchmark() {}
}
