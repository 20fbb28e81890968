package dev.baton.workers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.baton.BatonApplication;
import dev.baton.board.Board;
import dev.baton.board.BoardStore;
import dev.baton.board.StartingBoard;
import dev.baton.run.RunEvent;
import dev.baton.run.RunEvents;
import dev.baton.run.RunLauncher;
import dev.baton.run.RunParameters;
import dev.baton.run.RunRegistry;
import dev.baton.run.RunSnapshot;
import dev.baton.sim.SimLauncher;
import dev.baton.tmux.TmuxClient;
import dev.baton.tmux.TmuxTestServer;
import dev.baton.tmux.WindowSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real team for end-to-end tests: a board file in a temp workdir, a private tmux server with one
 * simulated agent per window, and Baton itself (engine, workers, watcher) in this JVM. Everything
 * it starts, it ends.
 */
final class Team implements AutoCloseable {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  /** One simulated agent: name, lead flag and simulator options. */
  record Member(String name, boolean lead, List<String> options) {
    static Member of(String name, String... options) {
      return new Member(name, false, List.of(options));
    }

    static Member lead(String name, String... options) {
      return new Member(name, true, List.of(options));
    }

    /**
     * The CLI kind Baton reads this agent's screen as: the look the simulator draws ({@code --look
     * amp}).
     */
    String cli() {
      int look = options.indexOf("--look");
      return look >= 0 && look + 1 < options.size() ? options.get(look + 1) : "simulated";
    }
  }

  final Path workdir;
  final Path board;
  final String socket;
  final String session = "team";
  final TmuxClient tmux;
  private final List<Member> members;
  private final List<String> extraArgs = new ArrayList<>();
  private ConfigurableApplicationContext context;

  Team(Path workdir, List<Member> members) {
    assumeTrue(TmuxTestServer.tmuxInstalled(), "tmux is not installed");
    this.workdir = workdir;
    this.board = workdir.resolve("CLAUDE.md");
    this.members = List.copyOf(members);
    this.socket = "baton-e2e-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    this.tmux = new TmuxClient(socket, Duration.ofSeconds(10));
    write(board, EMPTY_BOARD);
    SimLauncher launcher = SimLauncher.fromCurrentJvm();
    for (int i = 0; i < members.size(); i++) {
      Member m = members.get(i);
      List<String> options = new ArrayList<>(m.options());
      options.addAll(List.of("--log", log(m.name()).toString(), "--seed", Integer.toString(i + 1)));
      WindowSpec window =
          WindowSpec.of(m.name(), launcher.command(m.name(), board, options)).in(workdir);
      if (i == 0) {
        tmux.newSession(session, 200, 50, window);
      } else {
        tmux.newWindow(session, window);
      }
    }
  }

  Team with(String... springArgs) {
    extraArgs.addAll(List.of(springArgs));
    return this;
  }

  /** Starts Baton against this team. */
  Team start() {
    List<String> args = ownArgs();
    args.add("--logging.level.root=WARN");
    args.addAll(extraArgs);
    context =
        new SpringApplicationBuilder(BatonApplication.class)
            .web(WebApplicationType.NONE)
            .run(args.toArray(String[]::new));
    return this;
  }

  /**
   * Starts Baton as {@code serve} does, with its web server (REST API, live page) on a free
   * loopback port.
   */
  Team serve() {
    List<String> args = ownArgs();
    args.add("--server.port=0");
    args.add("--logging.level.root=WARN");
    args.addAll(extraArgs);
    context =
        new SpringApplicationBuilder(BatonApplication.class)
            .web(WebApplicationType.SERVLET)
            .logStartupInfo(false)
            .run(args.toArray(String[]::new));
    return this;
  }

  /**
   * {@link #batonArgs} without those {@link #with} gives again: Spring would join both values with
   * a comma.
   */
  private List<String> ownArgs() {
    List<String> args = new ArrayList<>();
    for (String a : batonArgs()) {
      String key = a.split("=", 2)[0] + "=";
      if (extraArgs.stream().noneMatch(e -> e.startsWith(key))) {
        args.add(a);
      }
    }
    return args;
  }

  /** The web server's port, once {@link #serve} has started it. */
  int port() {
    return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
  }

  /**
   * Stops this Baton (engine, workers, watcher) and leaves the agents running, as a Baton that went
   * away does.
   */
  Team stop() {
    if (context != null) {
      context.close();
      context = null;
    }
    return this;
  }

  /**
   * Starts Baton's {@code run} command in a child JVM against this team, its output in {@code out}:
   * a child can be killed with SIGKILL, as a crash kills Baton.
   */
  Process runInChild(Path out, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    if (Runtime.version().feature() >= 24) {
      cmd.add("--sun-misc-unsafe-memory-access=allow");
    }
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            BatonApplication.class.getName(),
            "run",
            "--plain"));
    cmd.addAll(batonArgs());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
  }

  /**
   * The settings that point a Baton at this team: roster, workdir, model, tmux server, a free
   * engine port.
   */
  List<String> batonArgs() {
    List<String> args = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      Member m = members.get(i);
      String key = "--baton.agents[" + i + "].";
      args.add(key + "name=" + m.name());
      args.add(key + "window=" + m.name());
      args.add(key + "label=w" + (i + 1));
      args.add(key + "cli=" + m.cli());
      args.add(key + "lead=" + m.lead());
    }
    args.addAll(
        List.of(
            "--baton.workdir=" + workdir,
            "--baton.bpmn=" + Path.of("bpmn/baton.bpmn").toAbsolutePath(),
            "--baton.tmux.socket=" + socket,
            "--baton.tmux.session=" + session,
            "--baton.engine-port=0",
            "--baton.cooldown=5m"));
    return args;
  }

  /** Runs a request to its end with short timers. */
  RunSnapshot run(String request, Duration pollInterval, Duration limit) throws TimeoutException {
    RunSnapshot run =
        bean(RunLauncher.class).start(request, new RunParameters(pollInterval, 2, 3, 3));
    return bean(RunRegistry.class).awaitEnd(run.runId(), limit);
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  Board readBoard() {
    return new BoardStore(board, Clock.systemUTC()).read();
  }

  List<RunEvent> events(String runId) {
    return bean(RunEvents.class).of(runId);
  }

  List<RunEvent> events(String runId, String kind) {
    return events(runId).stream().filter(e -> e.kind().equals(kind)).toList();
  }

  Path log(String agent) {
    return workdir.resolve("sim-" + agent + ".log");
  }

  /** Task id → how many prompts this agent received for it (from the simulator's own log). */
  Map<String, Integer> promptsReceived(String agent) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String line : lines(log(agent))) {
      String[] parts = line.split(" ");
      if (parts.length >= 3 && parts[1].equals("PROMPT")) {
        counts.merge(parts[2], 1, Integer::sum);
      }
    }
    return counts;
  }

  /**
   * The task's prompts in time order, across agents, and whether each one after the first came only
   * after the agent holding the task had reported on the board (COMPLETED or BLOCKED). Agents'
   * whole-file writes sometimes erase each other's report; the inactivity rule then prompts again,
   * which is a recovery, not a duplicate. A prompt with no report before it would be a task sent
   * twice.
   *
   * @return the number of prompts that came without such a cause (0 is right)
   */
  int promptsWithoutCause(String taskId) {
    record Line(Instant at, String agent, String what) {}
    List<Line> lines = new ArrayList<>();
    for (Member m : members) {
      for (String line : lines(log(m.name()))) {
        String[] parts = line.split(" ");
        if (parts.length >= 3
            && parts[2].equals(taskId)
            && (parts[1].equals("PROMPT") || parts[1].equals("BOARD"))) {
          lines.add(new Line(Instant.parse(parts[0]), m.name(), parts[1]));
        }
      }
    }
    lines.sort(java.util.Comparator.comparing(Line::at));
    int withoutCause = 0;
    String holder = null;
    boolean reported = true;
    for (Line line : lines) {
      if (line.what().equals("BOARD") && line.agent().equals(holder)) {
        reported = true;
      } else if (line.what().equals("PROMPT")) {
        if (!reported) {
          withoutCause++;
        }
        holder = line.agent();
        reported = false;
      }
    }
    return withoutCause;
  }

  /** Prompts received by the whole team for one task. */
  int promptsFor(String taskId) {
    return members.stream().mapToInt(m -> promptsReceived(m.name()).getOrDefault(taskId, 0)).sum();
  }

  String report() {
    try {
      return Files.readString(workdir.resolve("REPORT.md"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Ends Baton, then the agents, and waits for their processes so nothing writes into the workdir
   * after.
   */
  @Override
  public void close() {
    if (context != null) {
      context.close();
    }
    TmuxTestServer.killServerAndPanes(tmux, session);
  }

  static final String EMPTY_BOARD = StartingBoard.TEXT;
}
