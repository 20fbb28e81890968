package dev.baton.torture;

import dev.baton.tmux.TmuxTestServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The torture suite: runs Baton (the built jar, as a separate process) for a number of minutes, one
 * run after the other, each with 8 simulated agents under random faults: agents' racing whole-file
 * writes, half-written boards, kill -9 of Baton at random points and restart, dead panes, a killed
 * tmux server, the board read-only for a while, hostile task text. After each run it checks the
 * invariants against the evidence and at the end prints the faults injected, the counts seen and
 * the violations per invariant. Exit 0 when every invariant held, 1 otherwise, 2 on a usage error.
 *
 * <p>Every fault is drawn from a random seeded per run (seed, seed+1, ...): {@code --seed S
 * --episode K} plays run K of seed S again, alone (timings on a busy machine still vary).
 *
 * <p>Usage: {@code ./baton torture [--minutes N] [--seed S] [--episodes N | --episode K] [--agents
 * N] [--run-bound 240s] [--dir D] [--keep] [--only FAULT,...] [--skip FAULT,...]}
 */
public final class Torture {

  record Options(
      double minutes,
      long seed,
      int episodes,
      int agents,
      Duration runBound,
      Path dir,
      boolean keep,
      Path repo,
      Set<Fault> faults,
      int firstEpisode) {}

  public static void main(String[] args) {
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("torture: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.exit(new Torture().run(options, System.out));
  }

  int run(Options o, PrintStream out) {
    Path jar = o.repo().resolve("target/baton.jar");
    if (!Files.isRegularFile(jar)) {
      out.println("torture: " + jar + " is missing: build it first (mvn -DskipTests package)");
      return 2;
    }
    if (!TmuxTestServer.tmuxInstalled()) {
      out.println("torture: tmux is not installed: the agents run in tmux");
      return 2;
    }
    Path root =
        o.dir() != null
            ? o.dir()
            : Path.of(
                System.getProperty("java.io.tmpdir"),
                "baton-torture-" + ProcessHandle.current().pid());
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      out.println("torture: cannot create " + root + ": " + e.getMessage());
      return 2;
    }
    Episode.Settings settings =
        new Episode.Settings(
            batonLaunch(o.repo(), jar),
            root,
            o.agents(),
            o.runBound(),
            Duration.ofSeconds(90),
            o.faults(),
            out);
    Tally tally = new Tally();
    Instant start = Instant.now();
    Instant deadline = start.plusMillis((long) (o.minutes() * 60_000));
    out.printf(
        "Baton torture: seed %d, %.1f min, %d agents per run, faults %s, evidence in %s%n",
        o.seed(), o.minutes(), o.agents(), o.faults().stream().map(Fault::option).toList(), root);
    Episode[] current = new Episode[1];
    Thread hook =
        new Thread(
            () -> {
              Episode e = current[0];
              if (e != null) {
                e.abort();
              }
            });
    Runtime.getRuntime().addShutdownHook(hook);
    List<Path> kept = new ArrayList<>();
    int n = o.firstEpisode() - 1;
    try {
      do {
        n++;
        Episode episode = new Episode(n, o.seed() + n - 1, settings, tally);
        current[0] = episode;
        List<Violation> broken;
        try {
          broken = episode.run();
        } catch (RuntimeException e) {
          out.println("torture: episode " + n + " could not run: " + e.getMessage());
          kept.add(episode.workdir());
          printAndSave(tally, o, start, out, root, kept);
          return 2;
        }
        current[0] = null;
        broken.forEach(v -> out.println("  " + v));
        if (!broken.isEmpty() || o.keep()) {
          kept.add(episode.workdir());
        } else {
          episode.delete();
        }
      } while ((o.episodes() == 0 || n - o.firstEpisode() + 1 < o.episodes())
          && Duration.between(Instant.now(), deadline).toSeconds() >= 40);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // shutting down already
      }
    }
    printAndSave(tally, o, start, out, root, kept);
    return tally.violations.isEmpty() ? 0 : 1;
  }

  private static void printAndSave(
      Tally tally, Options o, Instant start, PrintStream out, Path root, List<Path> kept) {
    tally.print(
        out, o.seed(), o.minutes(), Duration.between(start, Instant.now()).toSeconds(), o.agents());
    if (!tally.violations.isEmpty()) {
      out.println(
          "Replay one episode's faults: ./baton torture --seed " + o.seed() + " --episode K");
    }
    if (!kept.isEmpty()) {
      out.println(
          "Evidence (boards, journals, reports, agents' logs, Baton's output) kept in: " + kept);
    }
    try {
      StringBuilder s = new StringBuilder();
      tally.violations.forEach(v -> s.append(v).append('\n'));
      Files.writeString(root.resolve("violations.txt"), s.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      // the table above says it all
    }
    if (kept.isEmpty()) {
      root.resolve("violations.txt").toFile().delete();
      root.toFile().delete();
    }
  }

  /**
   * The java command the launcher uses for Baton: same flags, same class-data archive, the
   * repository's model.
   */
  static List<String> batonLaunch(Path repo, Path jar) {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=" + repo.resolve("target/baton.jsa"),
                "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off",
                "-Dbaton.bpmn=" + repo.resolve("bpmn/baton.bpmn")));
    if (Runtime.version().feature() >= 24) {
      cmd.add("--sun-misc-unsafe-memory-access=allow");
    }
    cmd.addAll(List.of("-jar", jar.toString()));
    return cmd;
  }

  static Options parse(String... args) {
    double minutes = 2;
    long seed = System.currentTimeMillis() % 1_000_000;
    int episodes = 0;
    int first = 1;
    int agents = 8;
    Duration bound = Duration.ofSeconds(240);
    Path dir = null;
    boolean keep = false;
    Path repo = Path.of("").toAbsolutePath();
    Set<Fault> faults = EnumSet.allOf(Fault.class);
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--minutes" -> minutes = Double.parseDouble(value(args, ++i, a));
        case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
        case "--episodes" -> episodes = Integer.parseInt(value(args, ++i, a));
        case "--episode" -> {
          first = Integer.parseInt(value(args, ++i, a));
          episodes = 1;
        }
        case "--agents" -> agents = Integer.parseInt(value(args, ++i, a));
        case "--run-bound" ->
            bound = Duration.ofSeconds(Long.parseLong(value(args, ++i, a).replace("s", "")));
        case "--dir" -> dir = Path.of(value(args, ++i, a)).toAbsolutePath();
        case "--keep" -> keep = true;
        case "--repo" -> repo = Path.of(value(args, ++i, a)).toAbsolutePath();
        case "--only" -> {
          faults = EnumSet.noneOf(Fault.class);
          for (String f : value(args, ++i, a).split(",")) {
            faults.add(Fault.ofOption(f));
          }
        }
        case "--skip" -> {
          for (String f : value(args, ++i, a).split(",")) {
            faults.remove(Fault.ofOption(f));
          }
        }
        case "--help", "-h" ->
            throw new IllegalArgumentException(
                "usage: torture [--minutes N] [--seed S] [--episodes N | --episode K] [--agents N] [--run-bound SECONDS] [--dir D]"
                    + " [--keep] [--only F,..|--skip F,..] with F one of "
                    + java.util.Arrays.stream(Fault.values()).map(Fault::option).toList());
        default -> throw new IllegalArgumentException("unknown option " + a + " (see --help)");
      }
    }
    if (minutes <= 0 || agents < 2 || episodes < 0) {
      throw new IllegalArgumentException(
          "--minutes must be > 0, --agents at least 2, --episodes >= 0");
    }
    if (first < 1) {
      throw new IllegalArgumentException("--episode counts from 1");
    }
    return new Options(minutes, seed, episodes, agents, bound, dir, keep, repo, faults, first);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}
