package dev.baton.agents;

import dev.baton.sim.SimLauncher;
import dev.baton.tmux.TmuxClient;
import dev.baton.tmux.WindowSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Success rate and latency of {@link PromptSubmitter} against simulated agents that swallow the
 * first Enter after a paste (as Codex does), on a private tmux server. A prompt counts as a success
 * only if submit returned and the agent received that exact prompt exactly once.
 *
 * <p>Run: {@code mvn -q -B -o test-compile dependency:build-classpath
 * -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test && java -cp
 * target/test-classes:target/classes:$(cat target/cp.txt) dev.baton.agents.SubmitBenchmark
 * [prompts=200] [agents=4] [work=100ms] [rounds=1] [swallow|plain]}: each round runs the fixed
 * submit delay, then the screen confirmation, side by side under the same load.
 */
public final class SubmitBenchmark {

  public static void main(String[] args) throws Exception {
    int prompts = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int agents = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    String work = args.length > 2 ? args[2] : "100ms";
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    boolean swallow = args.length <= 4 || !args[4].equals("plain");
    TmuxProperties screen = TmuxProperties.defaults();
    // before: the fixed submit delay, screens re-read every 100 ms
    TmuxProperties fixed = screen.withEchoConfirm(false, Duration.ofMillis(100));
    for (int round = 1; round <= rounds; round++) {
      System.out.printf(
          "round %d, load average %.2f%n",
          round,
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      run(prompts, agents, work, swallow, fixed, "fixed delay");
      run(prompts, agents, work, swallow, screen, "screen confirmation");
    }
  }

  private static void run(
      int prompts, int agents, String work, boolean swallow, TmuxProperties settings, String label)
      throws Exception {
    String socket = "baton-bench-" + ProcessHandle.current().pid();
    TmuxClient tmux = new TmuxClient(socket, Duration.ofSeconds(10));
    Path dir = Files.createTempDirectory("baton-bench");
    SimLauncher launcher = SimLauncher.fromCurrentJvm();
    List<Agent> roster = new ArrayList<>();
    List<Path> histories = new ArrayList<>();
    try {
      tmux.newSession(
          "bench", 160, 40, WindowSpec.of("keep", List.of("sh", "-c", "cat > /dev/null")));
      for (int a = 0; a < agents; a++) {
        Path board = dir.resolve("board-" + a + ".md");
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < prompts; i++) {
          rows.append("| ")
              .append(id(i))
              .append(" | t | Sim")
              .append(a)
              .append(" (w")
              .append(a)
              .append(") | LOW | IN_PROGRESS | 2026-11-26 |\n");
        }
        Files.writeString(board, SimWindows.BOARD.formatted(rows), StandardCharsets.UTF_8);
        Path history = dir.resolve("history-" + a);
        histories.add(history);
        String window = "sim" + a;
        tmux.newWindow(
            "bench",
            WindowSpec.of(
                window,
                launcher.command(
                    "Sim" + a,
                    board,
                    options(
                        swallow,
                        "--work",
                        work,
                        "--seed",
                        Integer.toString(a),
                        "--history",
                        history.toString(),
                        "--log",
                        dir.resolve("log-" + a).toString()))));
        roster.add(
            new Agent(
                "Sim" + a,
                "bench:" + window,
                CliKind.SIMULATED,
                false,
                "w" + a,
                null,
                CliPatternCatalog.shipped().patterns(CliKind.SIMULATED)));
      }
      StateProbe probe = new StateProbe(tmux, settings.captureLines());
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      for (Agent agent : roster) {
        while (probe.state(agent) != AgentState.IDLE) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(agent.name() + " did not start");
          }
          Thread.sleep(100);
        }
      }
      PromptSubmitter submitter =
          new PromptSubmitter(tmux, probe, settings, Clock.systemUTC(), Pause.REAL);
      PromptTemplates templates = new PromptTemplates(null, "fr");
      List<String>[] sent = newLists(agents);
      List<Long> millis = Collections.synchronizedList(new ArrayList<>());
      Map<Integer, Integer> presses = Collections.synchronizedMap(new TreeMap<>());
      List<String> failures = Collections.synchronizedList(new ArrayList<>());
      long start = System.nanoTime();
      try (ExecutorService pool = Executors.newFixedThreadPool(agents)) {
        List<Future<?>> jobs = new ArrayList<>();
        for (int a = 0; a < agents; a++) {
          int agentIndex = a;
          jobs.add(
              pool.submit(
                  () -> {
                    Agent agent = roster.get(agentIndex);
                    for (int i = agentIndex; i < prompts; i += agents) {
                      String prompt =
                          templates.render(
                              PromptKind.TASK,
                              agent,
                              Map.of(
                                  "taskId",
                                  id(i),
                                  "description",
                                  "Crée le fichier /tmp/bench-" + i + ".txt avec « ok » ; $(true)",
                                  "board",
                                  "CLAUDE.md"));
                      try {
                        SubmitResult r = submitter.submit(agent, prompt);
                        sent[agentIndex].add(prompt);
                        millis.add(r.elapsed().toMillis());
                        presses.merge(r.enterPresses(), 1, Integer::sum);
                      } catch (AgentUnreachableException e) {
                        failures.add(id(i) + ": " + e.getMessage());
                      }
                    }
                  }));
        }
        for (Future<?> job : jobs) {
          job.get();
        }
      }
      long wall = Duration.ofNanos(System.nanoTime() - start).toMillis();
      int received = 0;
      int exact = 0;
      for (int a = 0; a < agents; a++) {
        List<String> got =
            Files.exists(histories.get(a))
                ? Files.readAllLines(histories.get(a), StandardCharsets.UTF_8)
                : List.of();
        received += got.size();
        for (String prompt : sent[a]) {
          if (Collections.frequency(got, prompt) == 1) {
            exact++;
          }
        }
      }
      List<Long> sorted = new ArrayList<>(millis);
      Collections.sort(sorted);
      System.out.printf(
          "SubmitBenchmark (%s): %d prompts, %d simulated agents (%s, --work %s), submit-delay %s%n",
          label,
          prompts,
          agents,
          swallow ? "--swallow-first-enter" : "Enter taken at once",
          work,
          settings.submitDelay().toMillis() + "ms");
      System.out.printf("  submit returned ok      : %d/%d%n", millis.size(), prompts);
      System.out.printf(
          "  received exactly once   : %d/%d (agents logged %d prompts in all)%n",
          exact, prompts, received);
      System.out.printf("  success rate            : %.1f %%%n", 100.0 * exact / prompts);
      System.out.printf("  Enter presses per prompt: %s%n", presses);
      if (!sorted.isEmpty()) {
        System.out.printf(
            "  submit time ms          : median %d, p90 %d, max %d%n",
            sorted.get(sorted.size() / 2),
            sorted.get((int) (sorted.size() * 0.9)),
            sorted.getLast());
      }
      System.out.printf("  wall time               : %.1f s%n", wall / 1000.0);
      failures.stream().limit(5).forEach(f -> System.out.println("  FAILED " + f));
    } finally {
      tmux.killServer();
    }
  }

  private static List<String> options(boolean swallow, String... rest) {
    List<String> all = new ArrayList<>(List.of(rest));
    if (swallow) {
      all.addFirst("--swallow-first-enter");
    }
    return all;
  }

  private static String id(int i) {
    return String.format("T-%03d", i + 1);
  }

  @SuppressWarnings("unchecked")
  private static List<String>[] newLists(int n) {
    List<String>[] lists = new List[n];
    for (int i = 0; i < n; i++) {
      lists[i] = Collections.synchronizedList(new ArrayList<>());
    }
    return lists;
  }
}
