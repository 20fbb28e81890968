package dev.baton.realcli;

import dev.baton.BatonApplication;
import dev.baton.board.Board;
import dev.baton.board.BoardStore;
import dev.baton.board.StartingBoard;
import dev.baton.demo.real.ModelServer;
import dev.baton.demo.real.RealCli;
import dev.baton.run.RunEvent;
import dev.baton.run.RunEvents;
import dev.baton.run.RunLauncher;
import dev.baton.run.RunParameters;
import dev.baton.run.RunRegistry;
import dev.baton.run.RunSnapshot;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A team of the real agent CLIs, each in its own window of a private tmux server with a fresh HOME,
 * all pointed at one {@link ModelServer} on 127.0.0.1 with fake keys, and Baton itself (engine,
 * workers, watcher) in this JVM. Onboarding, folder trust and the API-key question are settled by
 * each CLI's own config files, written before it starts, so no key is ever typed into a dialog.
 * Everything it starts, it ends.
 */
final class RealCliTeam implements AutoCloseable {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  record Member(String name, RealCli cli, boolean lead) {
    static Member lead(String name, RealCli cli) {
      return new Member(name, cli, true);
    }

    static Member of(String name, RealCli cli) {
      return new Member(name, cli, false);
    }
  }

  static Path cache() {
    return RealCli.cache();
  }

  /** Why these CLIs cannot run here, or empty when they can. */
  static Optional<String> missing(RealCli... clis) {
    if (!TmuxTestServer.tmuxInstalled()) {
      return Optional.of("tmux is not installed");
    }
    return RealCli.absent(cache(), clis)
        .map(
            absent ->
                "the real CLIs "
                    + absent
                    + " are not installed under "
                    + cache()
                    + "; install them with tools/install-clis.sh (set BATON_CLI_CACHE to choose the folder)");
  }

  final Path workdir;
  final Path board;
  final Path homes;
  final String socket;
  final String session = "team";
  final TmuxClient tmux;
  final ModelServer model;
  final List<Member> members;
  private final List<String> extraArgs = new ArrayList<>();
  private ConfigurableApplicationContext context;

  RealCliTeam(Path dir, ModelServer model, List<Member> members) throws IOException {
    this.workdir = Files.createDirectories(dir.resolve("work")).toRealPath();
    this.homes = Files.createDirectories(dir.resolve("homes")).toRealPath();
    this.board = workdir.resolve("CLAUDE.md");
    this.model = model.workdir(workdir);
    this.members = List.copyOf(members);
    this.socket = "baton-real-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    this.tmux = new TmuxClient(socket, Duration.ofSeconds(10));
    Files.writeString(board, EMPTY_BOARD, StandardCharsets.UTF_8);
    Files.writeString(workdir.resolve("run-tests.sh"), RealCli.TEST_SCRIPT, StandardCharsets.UTF_8);
    new ProcessBuilder("git", "init", "-q", workdir.toString()).start().onExit().join();
    for (int i = 0; i < members.size(); i++) {
      Member m = members.get(i);
      WindowSpec window = WindowSpec.of(m.name(), command(m)).in(workdir);
      if (i == 0) {
        tmux.newSession(session, 120, 40, window);
      } else {
        tmux.newWindow(session, window);
      }
    }
  }

  private List<String> command(Member m) throws IOException {
    return m.cli().command(homes.resolve(m.name()), workdir, model.baseUrl(), cache());
  }

  /**
   * Waits until every CLI shows its ready screen: a prompt typed into a starting CLI is lost, not
   * queued.
   */
  /**
   * Ready means what Baton itself will see: the shipped classifier reads IDLE twice, half a second
   * apart. The CLI's own footer can show while it is still loading (Codex draws its input box
   * before its start-up notices settle), and a team started on that would hand every task to the
   * other agent.
   */
  RealCliTeam awaitReady(Duration limit) throws TimeoutException, InterruptedException {
    Instant end = Instant.now().plus(limit);
    for (Member m : members) {
      int idleReads = 0;
      while (idleReads < 2) {
        idleReads = m.cli().readyIn(tmux, session + ":" + m.name()) ? idleReads + 1 : 0;
        if (Instant.now().isAfter(end)) {
          throw new TimeoutException(
              m.name()
                  + " ("
                  + m.cli().id()
                  + ") not ready after "
                  + limit
                  + ":\n"
                  + screen(m.name()));
        }
        if (idleReads < 2) {
          Thread.sleep(500);
        }
      }
    }
    return this;
  }

  String screen(String window) {
    return tmux.capture(session + ":" + window, 50, false);
  }

  /** Everything the window showed since it started, scrollback included. */
  String history(String window) {
    return tmux.capture(session + ":" + window, 5000, false);
  }

  RealCliTeam with(String... springArgs) {
    extraArgs.addAll(List.of(springArgs));
    return this;
  }

  RealCliTeam start() {
    List<String> args = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      Member m = members.get(i);
      String key = "--baton.agents[" + i + "].";
      args.add(key + "name=" + m.name());
      args.add(key + "window=" + m.name());
      args.add(key + "label=w" + (i + 1));
      args.add(key + "cli=" + m.cli().id());
      args.add(key + "lead=" + m.lead());
    }
    args.addAll(
        List.of(
            "--baton.workdir=" + workdir,
            "--baton.bpmn=" + Path.of("bpmn/baton.bpmn").toAbsolutePath(),
            "--baton.tmux.socket=" + socket,
            "--baton.tmux.session=" + session,
            "--baton.engine-port=0",
            "--baton.language=en",
            "--baton.cooldown=5m",
            "--logging.level.root=WARN"));
    args.addAll(extraArgs);
    context =
        new SpringApplicationBuilder(BatonApplication.class)
            .web(WebApplicationType.NONE)
            .run(args.toArray(String[]::new));
    return this;
  }

  RunSnapshot run(String request, Duration pollInterval, Duration limit) throws TimeoutException {
    RunSnapshot run =
        bean(RunLauncher.class).start(request, new RunParameters(pollInterval, 2, 3, 3));
    try {
      return bean(RunRegistry.class).awaitEnd(run.runId(), limit);
    } catch (TimeoutException e) {
      throw new TimeoutException(
          "run " + run.runId() + " did not end in " + limit + "\n" + diagnosis(run.runId()));
    }
  }

  /**
   * The board, the run's events, the model server's requests and every window: what a failing run
   * looked like.
   */
  String diagnosis(String runId) {
    StringBuilder sb =
        new StringBuilder("--- board\n").append(readBoard().text()).append("\n--- events\n");
    bean(RunEvents.class).of(runId).forEach(e -> sb.append(e).append('\n'));
    sb.append("--- model requests\n");
    model
        .requests()
        .forEach(
            r ->
                sb.append(r.at())
                    .append(' ')
                    .append(r.api())
                    .append(' ')
                    .append(r.path())
                    .append(' ')
                    .append(r.promptFor().orElse("-"))
                    .append('\n'));
    List<ModelServer.Request> all = model.requests();
    for (int i = Math.max(0, all.size() - 2); i < all.size(); i++) {
      String body = all.get(i).body();
      int at = Math.max(body.lastIndexOf("\"role\":\"assistant\""), 0);
      sb.append("--- request ")
          .append(i)
          .append(" (from the newest assistant message)\n")
          .append(body, at, Math.min(body.length(), at + 4000))
          .append('\n');
    }
    for (Member m : members) {
      sb.append("--- window ").append(m.name()).append('\n').append(screen(m.name())).append('\n');
    }
    return sb.toString();
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  Board readBoard() {
    return new BoardStore(board, Clock.systemUTC()).read();
  }

  List<RunEvent> events(String runId, String kind) {
    return bean(RunEvents.class).of(runId).stream().filter(e -> e.kind().equals(kind)).toList();
  }

  /** The HOMEs under which the project's test command ran, one line per run. */
  List<String> testRuns() {
    try {
      Path log = workdir.resolve("tests-ran.log");
      return Files.exists(log) ? Files.readAllLines(log) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String report() {
    try {
      return Files.readString(workdir.resolve("REPORT.md"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (context != null) {
      context.close();
    }
    TmuxTestServer.killServerAndPanes(tmux, session);
    // Codex leaves an app-server daemon running under its HOME after its UI exits: end the ones
    // under this team's homes
    String mine = homes.toString() + "/";
    ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(mine)).orElse(false))
        .forEach(ProcessHandle::destroy);
  }

  static final String EMPTY_BOARD = StartingBoard.TEXT;
  static final String TEST_COMMAND = RealCli.TEST_COMMAND;
}
