package dev.baton.workers;

import dev.baton.agents.Agent;
import dev.baton.agents.AgentPool;
import dev.baton.agents.AgentRoster;
import dev.baton.agents.CliKind;
import dev.baton.agents.CliPatternCatalog;
import dev.baton.agents.Reactions;
import dev.baton.agents.StateProbe;
import dev.baton.board.BoardStore;
import dev.baton.board.BoardStoreOptions;
import dev.baton.board.TaskBoard;
import dev.baton.board.TaskId;
import dev.baton.board.TaskRow;
import dev.baton.board.TaskStatus;
import dev.baton.run.RunEvent;
import dev.baton.run.RunEvents;
import dev.baton.run.RunJournal;
import dev.baton.run.RunProperties;
import dev.baton.tmux.TmuxTestServer;
import dev.baton.tmux.WindowSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * What a job worker runs against when it is called alone, without an engine: a real board file
 * (CLAUDE.md in the seed's format) in a temporary workdir, the real store, journal, events and
 * pool, and agents whose panes are windows of a private tmux server showing a fixed screen (started
 * only when a test asks for a pane). A screen is the simulated CLI's: "? for shortcuts" is idle,
 * "esc to interrupt" busy, "usage limit" rate-limited.
 */
final class WorkerBench implements AutoCloseable {
  static final String RUN = "run-bench";

  static final String IDLE_SCREEN = "› \n? for shortcuts";
  static final String BUSY_SCREEN = "* Working… (esc to interrupt)";
  static final String LIMIT_SCREEN =
      "You've hit your usage limit · try again in 2h\n› \n? for shortcuts";

  final Path dir;
  final Path file;
  final Clock clock = Clock.systemUTC();
  final BoardStore store;
  final TaskBoard board;
  final RunEvents events;
  final RunJournal journal;
  final Map<String, Agent> agents = new LinkedHashMap<>();
  private final Map<String, String> settings = new HashMap<>();
  private final List<Long> simPids = new ArrayList<>();
  private TmuxTestServer tmux;
  private AgentPool pool;
  private AgentRoster roster;

  /**
   * A workdir whose board has the given queue rows (one Markdown table row a line) and log rows.
   */
  WorkerBench(Path dir, String queueRows, String logRows) {
    this.dir = dir;
    this.file = dir.resolve("CLAUDE.md");
    write(board(queueRows, logRows));
    // as shipped, but a half-written file is given up on after 300 ms instead of 2 s, so that tests
    // of it stay fast
    BoardStoreOptions shipped = BoardStoreOptions.defaults();
    this.store =
        new BoardStore(
            file,
            clock,
            new BoardStoreOptions(
                shipped.maxAttempts(),
                shipped.settleDelay(),
                Duration.ofMillis(300),
                shipped.guardRetention(),
                shipped.maxGuards(),
                shipped.restoreSeenStatuses()));
    this.board = new TaskBoard(store, "en");
    this.events = new RunEvents(clock);
    this.journal = new RunJournal(dir, clock);
    settings.put("baton.workdir", dir.toString());
  }

  /** The seed's board: project notes, the queue, the completion log, notes after them. */
  static String board(String queueRows, String logRows) {
    return """
        # Project memory

        ## Task Assignment Queue
        | ID | Task | Assigned To | Priority | Status | Created |
        |----|------|-------------|----------|--------|---------|
        %s
        ## Task Completion Log
        | Date | Agent | Task | Status | Note |
        |------|-------|------|--------|------|
        %s
        ## Notes
        - Agents write their row before their turn ends.
        """
        .formatted(lines(queueRows), lines(logRows));
  }

  private static String lines(String rows) {
    return rows == null || rows.isBlank() ? "" : rows.strip() + "\n";
  }

  void write(String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String text() {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Baton setting, before the first call to {@link #props()}. */
  WorkerBench set(String key, String value) {
    settings.put(key, value);
    return this;
  }

  RunProperties props() {
    return new Binder(new MapConfigurationPropertySource(settings))
        .bindOrCreate("baton", Bindable.of(RunProperties.class));
  }

  /** An agent of the simulated CLI whose pane shows {@code screen} and stays so. */
  Agent agent(String name, String screen) {
    String target = tmux().session() + ":" + name;
    String printed = screen.replace("%", "%%").replace("\n", "\\n");
    tmux()
        .client()
        .newWindow(
            tmux().session(),
            WindowSpec.of(
                name,
                List.of("sh", "-c", "printf '" + printed.replace("'", "'\\''") + "'; exec cat")));
    return register(name, target);
  }

  /**
   * An agent busy on screen until a key reaches its pane; it then writes {@code interrupted} in the
   * workdir and shows the idle screen.
   */
  Agent busyUntilInterrupted(String name) {
    String script =
        "stty raw -echo; printf '%s'; dd bs=1 count=1 >/dev/null 2>&1; touch interrupted; clear; "
            + "printf '› \\n? for shortcuts'; exec cat";
    tmux()
        .client()
        .newWindow(
            tmux().session(),
            new WindowSpec(
                name, dir, List.of("sh", "-c", script.formatted(BUSY_SCREEN)), Map.of()));
    return register(name, tmux().session() + ":" + name);
  }

  dev.baton.agents.Interrupter interrupter() {
    return new dev.baton.agents.Interrupter(
        tmux().client(),
        probe(),
        dev.baton.agents.TmuxProperties.defaults(),
        clock,
        d -> {
          try {
            Thread.sleep(d.toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  /**
   * Baton's simulated agent in its own window, reading and writing this bench's board; waits for
   * its idle screen. Its prompts are kept, one a line, in {@code <name>.history} in the workdir.
   */
  Agent simAgent(String name, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--log",
                dir.resolve(name + ".log").toString(),
                "--history",
                history(name).toString()));
    args.addAll(List.of(options));
    simPids.add(
        tmux()
            .client()
            .newWindow(
                tmux().session(),
                WindowSpec.of(
                    name, dev.baton.sim.SimLauncher.fromCurrentJvm().command(name, file, args)))
            .pid());
    Agent agent = register(name, tmux().session() + ":" + name);
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!tmux().client().capture(agent.target(), 40, false).contains("? for shortcuts")) {
      if (System.nanoTime() > until) {
        throw new AssertionError("the simulated agent " + name + " never showed its idle screen");
      }
      pause(Duration.ofMillis(50));
    }
    return agent;
  }

  Path history(String name) {
    return dir.resolve(name + ".history");
  }

  /** The prompts a simulated agent received. */
  List<String> prompts(String name) {
    try {
      return Files.exists(history(name))
          ? Files.readAllLines(history(name), StandardCharsets.UTF_8)
          : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** An agent whose window does not exist on the server: its pane reads as dead. */
  Agent deadAgent(String name) {
    return register(name, tmux().session() + ":nowhere-" + name);
  }

  /** A simulated agent at {@code target}, labelled after the agents already on the bench. */
  private Agent register(String name, String target) {
    return register(
        new Agent(
            name,
            target,
            CliKind.SIMULATED,
            false,
            "w" + (agents.size() + 1),
            null,
            CliPatternCatalog.shipped().patterns(CliKind.SIMULATED)));
  }

  private Agent register(Agent agent) {
    if (roster != null) {
      throw new IllegalStateException("add agents before the roster is built");
    }
    agents.put(agent.name(), agent);
    return agent;
  }

  /** Waits until the pane of {@code agent} shows what its window printed. */
  void settled(Agent agent, String marker) {
    long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < until) {
      if (tmux().client().capture(agent.target(), 40, false).contains(marker)) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new AssertionError("the pane of " + agent.name() + " never showed '" + marker + "'");
  }

  AgentRoster roster() {
    if (roster == null) {
      roster = new AgentRoster(new ArrayList<>(agents.values()));
    }
    return roster;
  }

  /**
   * The pool of all agents added so far, every one free and idle for it; a task waits until the
   * tasks its row names ("after T-xxx") are COMPLETED on the board, as in Baton.
   */
  AgentPool pool() {
    if (pool == null) {
      pool =
          new AgentPool(
              agents.keySet(),
              clock,
              a -> true,
              (t, a) -> {},
              this::dependenciesMet,
              Duration.ofSeconds(1));
    }
    return pool;
  }

  private Set<String> dependenciesMet(java.util.Collection<String> taskIds) {
    dev.baton.board.Board now = board.read();
    return taskIds.stream()
        .filter(
            id ->
                now.task(TaskBoard.id(id))
                    .map(
                        row ->
                            dev.baton.board.Dependencies.of(row.task()).stream()
                                .allMatch(
                                    dep ->
                                        now.status(TaskBoard.id(dep))
                                            .map(s -> s == TaskStatus.COMPLETED)
                                            .orElse(false)))
                    .orElse(true))
        .collect(Collectors.toSet());
  }

  AgentPool.Availability availability(String agent) {
    return pool().slots().stream()
        .filter(s -> s.agent().equals(agent))
        .findFirst()
        .orElseThrow()
        .availability();
  }

  AgentPool.Slot slot(String agent) {
    return pool().slots().stream().filter(s -> s.agent().equals(agent)).findFirst().orElseThrow();
  }

  /**
   * The real prompter: shipped templates, the real submit into the agents' panes, this bench's
   * journal.
   */
  dev.baton.run.Prompter prompter() {
    dev.baton.agents.TmuxProperties tmuxSettings = dev.baton.agents.TmuxProperties.defaults();
    return new dev.baton.run.Prompter(
        new dev.baton.agents.PromptTemplates(null, "en"),
        new dev.baton.agents.PromptSubmitter(
            tmux().client(), probe(), tmuxSettings, clock, dev.baton.agents.Pause.REAL),
        roster(),
        journal,
        events,
        props(),
        reactions(),
        new dev.baton.run.RunGate(),
        clock,
        new dev.baton.isolation.PromptFolders(workspaces()));
  }

  /** The workdir in shared mode (no worktrees), as Baton runs by default. */
  dev.baton.isolation.Workspaces workspaces() {
    return dev.baton.isolation.Workspaces.of(
        new dev.baton.isolation.IsolationProperties(
            dev.baton.isolation.Isolation.SHARED, false, Duration.ofSeconds(60)),
        props().workdir(),
        props().boardFile(),
        roster());
  }

  /**
   * The routing table's answer, without the engine that evaluates it; {@code asked} gets "kind
   * T-xxx" per question.
   */
  AgentRouting routing(dev.baton.agents.Routing answer, List<String> asked) {
    return new AgentRouting(null, roster()) {
      @Override
      public dev.baton.agents.Routing decide(String kind, TaskRow row, String author) {
        asked.add(
            kind
                + " "
                + (row == null ? null : row.id().value())
                + (author == null ? "" : " by " + author));
        return answer;
      }
    };
  }

  /** A job as the engine hands it to a worker; only its key is read. */
  static io.camunda.client.api.response.ActivatedJob job(long key) {
    io.camunda.client.api.response.ActivatedJob job =
        org.mockito.Mockito.mock(io.camunda.client.api.response.ActivatedJob.class);
    org.mockito.Mockito.when(job.getKey()).thenReturn(key);
    return job;
  }

  /** Waits until a simulated agent received {@code count} prompts. */
  void awaitPrompts(String agent, int count) {
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (prompts(agent).size() < count && System.nanoTime() < until) {
      pause(Duration.ofMillis(50));
    }
  }

  Reactions reactions() {
    return new Reactions(roster(), pool());
  }

  StateProbe probe() {
    return new StateProbe(tmux().client(), 50);
  }

  TmuxTestServer tmux() {
    if (tmux == null) {
      tmux = TmuxTestServer.start();
    }
    return tmux;
  }

  TaskRow row(String taskId) {
    return board.read().task(TaskId.parse(taskId).orElseThrow()).orElseThrow();
  }

  TaskStatus status(String taskId) {
    return row(taskId).status();
  }

  String lastNote(String taskId) {
    return board.lastNote(taskId).orElse(null);
  }

  /** The kinds of the run's events, in order. */
  List<String> kinds() {
    return events.history(RUN).events().stream().map(RunEvent::kind).toList();
  }

  List<RunEvent> events(String kind) {
    return events.history(RUN).events().stream()
        .filter(e -> e.kind().equals(kind))
        .collect(Collectors.toList());
  }

  /** The run's events of one kind of record, in order. */
  <T extends dev.baton.run.Happened> List<T> happened(Class<T> kind) {
    return events.history(RUN).events().stream()
        .map(RunEvent::what)
        .filter(kind::isInstance)
        .map(kind::cast)
        .toList();
  }

  @Override
  public void close() {
    if (tmux != null) {
      tmux.close();
    }
    for (long pid : simPids) {
      ProcessHandle.of(pid)
          .ifPresent(
              p -> {
                p.destroyForcibly();
                p.onExit().completeOnTimeout(p, 5, java.util.concurrent.TimeUnit.SECONDS).join();
              });
    }
  }
}
