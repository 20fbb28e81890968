package dev.baton.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.agents.AgentProperties;
import dev.baton.agents.AgentRoster;
import dev.baton.agents.AgentsProperties;
import dev.baton.agents.CliKind;
import dev.baton.agents.CliPatternCatalog;
import dev.baton.agents.Pause;
import dev.baton.agents.PromptSubmitter;
import dev.baton.agents.StateProbe;
import dev.baton.agents.TeamStarter;
import dev.baton.agents.TmuxProperties;
import dev.baton.git.Git;
import dev.baton.sim.SimLauncher;
import dev.baton.tmux.TmuxClient;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo's team: four simulated agents named as in the method's own example (Claude the lead,
 * AMP, AMP-2, Codex), each a real terminal program in its own window of a private tmux server, with
 * varied speeds and two of the field's classic troubles: AMP runs out of credits on its first task,
 * Codex swallows the first Enter after a paste. One feature's tests fail until its author fixes it,
 * so the demo shows a Ralph cycle too.
 */
public final class SimulatedTeam implements DemoEnvironment {

  /** name, window label, simulator options. */
  private record Member(String name, String label, boolean lead, List<String> options) {}

  private static final List<Member> TEAM =
      List.of(
          new Member("Claude", "w1", true, List.of("--work", "2s..4s")),
          new Member("AMP", "w2", false, List.of("--work", "2s..5s", "--rate-limit-once")),
          new Member("AMP-2", "w3", false, List.of("--work", "3s..6s")),
          new Member("Codex", "w4", false, List.of("--work", "2s..4s", "--swallow-first-enter")));

  static final String REQUEST =
      """
      Build a tiny "todo" command-line tool:

      - Write the Todo record (id, title, done) [HIGH]
      - Write the in-memory TodoStore: add, list, complete [HIGH]
      - Parse the command line: add / list / done (after #2)
      - Print the list as a table with ✓ for done items
      - Save and load the list as JSON in ~/.todo.json (after #2)
      - Handle bad input with one clear error line (low)
      - Write the README usage section (low)
      - Add a --version flag (low)
      """;

  /**
   * The request of {@code demo --worktrees}: each task writes a file in its agent's worktree; the
   * two README tasks, handed out first and side by side, write the same line, so one of them meets
   * a merge conflict its author resolves.
   */
  static final String WORKTREE_REQUEST =
      """
      Build a tiny "todo" command-line tool, each agent in its own git worktree:

      - Write the README usage section file:README.md [HIGH]
      - Add the version line to the README file:README.md [HIGH]
      - Write the Todo record file:src/Todo.txt
      - Write the in-memory TodoStore file:src/TodoStore.txt
      """;

  private final boolean worktrees;

  /** The shared-workdir demo (the method's way). */
  public SimulatedTeam() {
    this(false);
  }

  private SimulatedTeam(boolean worktrees) {
    this.worktrees = worktrees;
  }

  /**
   * {@code demo --worktrees}: the workdir is a git repository and every agent works in its own
   * worktree.
   */
  public static SimulatedTeam withWorktrees() {
    return new SimulatedTeam(true);
  }

  private final String socket = "baton-demo-" + ProcessHandle.current().pid();
  private final String session = "baton-demo";
  private TmuxClient tmux;

  @Override
  public DemoSetup prepare(PrintStream out) {
    try {
      Path workdir = Files.createTempDirectory("baton-demo-");
      Path board = workdir.resolve("CLAUDE.md");
      Files.writeString(board, initialBoard(), StandardCharsets.UTF_8);
      Path check = workdir.resolve("check-tests.sh");
      Files.writeString(
          check, worktrees ? bothSourcesMerged() : failsUntilFixed(), StandardCharsets.UTF_8);
      if (worktrees) {
        repository(workdir);
      }
      tmux = new TmuxClient(socket, Duration.ofSeconds(5));
      SimLauncher launcher = SimLauncher.fromCurrentJvm();
      List<String> args = new ArrayList<>();
      List<AgentProperties> roster = new ArrayList<>();
      for (int i = 0; i < TEAM.size(); i++) {
        Member m = TEAM.get(i);
        List<String> options = new ArrayList<>(m.options());
        if (worktrees) {
          // every agent takes one of the four tasks at once, so both README tasks start from the
          // same commit
          options.remove("--rate-limit-once");
        }
        options.addAll(
            List.of(
                "--test-command", "sh check-tests.sh",
                "--fix-command", "touch fixed",
                "--log", workdir.resolve(".baton-sim-" + m.name() + ".log").toString()));
        roster.add(
            new AgentProperties(
                m.name(),
                m.name(),
                null,
                null,
                CliKind.SIMULATED,
                m.lead(),
                m.label(),
                null,
                null,
                launcher.command(m.name(), board, options),
                Map.of(),
                null,
                false));
        String key = "--baton.agents[" + i + "].";
        args.add(key + "name=" + m.name());
        args.add(key + "window=" + m.name());
        args.add(key + "label=" + m.label());
        args.add(key + "cli=simulated");
        args.add(key + "lead=" + m.lead());
      }
      up(roster, workdir, out);
      args.addAll(
          List.of(
              "--baton.tmux.socket=" + socket,
              "--baton.tmux.session=" + session,
              "--baton.poll-interval=10s",
              "--baton.inactive-polls=2",
              "--baton.cooldown=90s",
              "--baton.engine-port=0",
              "--baton.test-command=sh check-tests.sh",
              "--baton.test-timeout=30s"));
      if (worktrees) {
        args.add("--baton.isolation=worktree");
        out.println(
            "The workdir is a git repository; each agent works in its own worktree under .baton/worktrees/.");
      }
      out.println(
          worktrees
              ? "Four simulated agents started: Claude (lead), AMP, AMP-2, Codex (swallows an Enter)."
              : "Four simulated agents started: Claude (lead), AMP (runs out of credits once), AMP-2, Codex (swallows an Enter).");
      return new DemoSetup(workdir, socket, session, args, worktrees ? WORKTREE_REQUEST : REQUEST);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the demo workdir: " + e.getMessage(), e);
    }
  }

  /**
   * The team's windows are made the way {@code agents up} makes any roster's; Baton's context
   * starts meanwhile, and its prompting waits for each agent's idle input as with any CLI.
   */
  private void up(List<AgentProperties> roster, Path workdir, PrintStream out) {
    TmuxProperties settings = TmuxProperties.defaults().withSession(session, socket);
    StateProbe probe = new StateProbe(tmux, settings.captureLines(), false, Clock.systemUTC());
    TeamStarter starter =
        new TeamStarter(
            tmux,
            probe,
            new PromptSubmitter(tmux, probe, settings, Clock.systemUTC(), Pause.REAL),
            new ObjectMapper(),
            Clock.systemUTC(),
            Pause.REAL);
    AgentRoster agents =
        AgentRoster.from(
            new AgentsProperties(roster, Map.of(), "fr", null),
            settings,
            CliPatternCatalog.shipped());
    List<String> notReady =
        starter.start(agents, roster, session, workdir, line -> {}).stream()
            .map(TeamStarter.Outcome::sentence)
            .toList();
    if (!notReady.isEmpty()) {
      throw new IllegalStateException(
          "the demo's agents did not start: " + String.join("; ", notReady));
    }
  }

  @Override
  public void close() {
    if (tmux != null) {
      tmux.killServer();
    }
  }

  private static String initialBoard() {
    return """
        # CLAUDE.md — todo tool (Baton demo)

        Shared memory of the team. Agents: update your task's Status and add a Completion Log line when done.

        ## Task Assignment Queue
        | ID | Task | Assigned To | Priority | Status | Created |
        |----|------|-------------|----------|--------|---------|

        ## Task Completion Log
        | Date | Agent | Task | Status | Note |
        |------|-------|------|--------|------|
        """;
  }

  /**
   * One commit to start from: the README the two README tasks both rewrite, the test script, the
   * ignore list.
   */
  private static void repository(Path workdir) throws IOException {
    Files.writeString(workdir.resolve("README.md"), "# todo\n", StandardCharsets.UTF_8);
    Files.writeString(workdir.resolve(".gitignore"), ".baton-sim-*.log\n", StandardCharsets.UTF_8);
    Git git = new Git(workdir, Duration.ofSeconds(30));
    git.ok("init", "--quiet", "--initial-branch=main");
    git.ok("add", "--", "README.md", ".gitignore", "check-tests.sh");
    git.ok(
        "-c",
        "user.name=Baton demo",
        "-c",
        "user.email=demo@baton.local",
        "commit",
        "--quiet",
        "-m",
        "The todo tool");
  }

  /**
   * The worktree demo's "test suite", run in the integration worktree: both sources must have been
   * merged.
   */
  private static String bothSourcesMerged() {
    return """
        #!/bin/sh
        # Demo test suite: passes once the merged tree holds both sources.
        for f in src/Todo.txt src/TodoStore.txt; do
          if [ ! -f "$f" ]; then echo "missing $f"; exit 1; fi
        done
        echo "2 tests passed"
        """;
  }

  /**
   * The demo's "test suite": fails once (prints a failing assertion) until an agent's fix creates
   * the marker.
   */
  private static String failsUntilFixed() {
    return """
        #!/bin/sh
        # Demo test suite: red until a fix prompt made an agent create the file 'fixed'.
        if [ -f fixed ]; then echo "12 tests passed"; exit 0; fi
        echo "TodoStoreTest > completeMarksItemDone FAILED"
        echo "  expected: done=true but was: done=false"
        echo "11 passed, 1 failed"
        exit 1
        """;
  }
}
