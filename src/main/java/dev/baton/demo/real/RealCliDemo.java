package dev.baton.demo.real;

import dev.baton.demo.DemoEnvironment;
import dev.baton.demo.DemoSetup;
import dev.baton.tmux.TmuxClient;
import dev.baton.tmux.WindowSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code baton demo --real}: the real Claude Code, Codex and Gemini CLI, installed by {@code
 * tools/install-clis.sh}, each in a window of a private tmux server with a fresh HOME and a fake
 * key, their model a {@link ModelServer} on 127.0.0.1 that answers each task prompt with the tool
 * calls a model would make. The same team and request as the real-CLI end-to-end test, for a person
 * to watch.
 */
public final class RealCliDemo implements DemoEnvironment {

  /** name, CLI, lead. */
  private record Member(String name, RealCli cli, boolean lead) {}

  private static final List<Member> TEAM =
      List.of(
          new Member("Claude", RealCli.CLAUDE, true),
          new Member("Codex", RealCli.CODEX, false),
          new Member("Gemini", RealCli.GEMINI, false));

  static final String REQUEST =
      """
      - Create the model [HIGH]
      - Create the store
      - Create the parser
      - Create the printer
      - Create the saver (low)
      - Write the docs (low)
      """;

  static final String BOARD =
      """
      # Project memory (Baton real-CLI demo)

      The team's shared board: each agent updates its task's Status and adds a Completion Log row with its own tools.

      ## Task Assignment Queue
      | ID | Task | Assigned To | Priority | Status | Created |
      |----|------|-------------|----------|--------|---------|

      ## Task Completion Log
      | Date | Agent | Task | Status | Note |
      |------|-------|------|--------|------|
      """;

  private static final Duration READY_LIMIT = Duration.ofSeconds(180);

  private final Path cache;
  private final String socket = "baton-demo-real-" + ProcessHandle.current().pid();
  private final String session = "baton-demo-real";
  private TmuxClient tmux;
  private ModelServer model;
  private Path homes;

  public RealCliDemo(Path cache) {
    this.cache = cache;
  }

  /**
   * One sentence saying which CLIs are missing and how to install them, or empty when the demo can
   * run.
   */
  public static Optional<String> missing(Path cache) {
    return RealCli.absent(cache, TEAM.stream().map(Member::cli).toArray(RealCli[]::new))
        .map(
            absent ->
                "the real agent CLIs "
                    + String.join(", ", absent)
                    + " are not installed under "
                    + cache
                    + "; install them with tools/install-clis.sh (it uses "
                    + RealCli.CACHE_VARIABLE
                    + ", default ~/.cache/baton-cli), then run baton demo --real again");
  }

  @Override
  public DemoSetup prepare(PrintStream out) {
    try {
      Path workdir = Files.createTempDirectory("baton-demo-real-").toRealPath();
      homes = Files.createTempDirectory("baton-demo-real-homes-").toRealPath();
      Files.writeString(workdir.resolve("CLAUDE.md"), BOARD, StandardCharsets.UTF_8);
      Files.writeString(
          workdir.resolve("run-tests.sh"), RealCli.TEST_SCRIPT, StandardCharsets.UTF_8);
      gitInit(workdir);
      model = new ModelServer().workdir(workdir).testCommand(RealCli.TEST_COMMAND);
      out.println("Scripted model server on " + model.baseUrl() + " (loopback only; fake keys).");
      tmux = new TmuxClient(socket, Duration.ofSeconds(10));
      List<String> args = new ArrayList<>();
      for (int i = 0; i < TEAM.size(); i++) {
        Member m = TEAM.get(i);
        WindowSpec window =
            WindowSpec.of(
                    m.name(),
                    m.cli().command(homes.resolve(m.name()), workdir, model.baseUrl(), cache))
                .in(workdir);
        if (i == 0) {
          tmux.newSession(session, 120, 40, window);
        } else {
          tmux.newWindow(session, window);
        }
        String key = "--baton.agents[" + i + "].";
        args.add(key + "name=" + m.name());
        args.add(key + "window=" + m.name());
        args.add(key + "label=w" + (i + 1));
        args.add(key + "cli=" + m.cli().id());
        args.add(key + "lead=" + m.lead());
      }
      args.addAll(
          List.of(
              "--baton.tmux.socket=" + socket,
              "--baton.tmux.session=" + session,
              "--baton.poll-interval=3s",
              "--baton.cooldown=5m",
              "--baton.engine-port=0"));
      out.println(
          "Starting Claude Code "
              + RealCli.CLAUDE.version(cache)
              + ", Codex "
              + RealCli.CODEX.version(cache)
              + " and Gemini CLI "
              + RealCli.GEMINI.version(cache)
              + " (watch: tmux -L "
              + socket
              + " attach -t "
              + session
              + ") ...");
      out.flush();
      awaitReady();
      out.println("All three CLIs are ready.");
      return new DemoSetup(workdir, socket, session, args, REQUEST);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the real-CLI demo: " + e.getMessage(), e);
    }
  }

  /**
   * A project folder, as the CLIs expect one; without git the CLIs still run, so a failure here is
   * no reason to stop.
   */
  private static void gitInit(Path workdir) {
    try {
      new ProcessBuilder("git", "init", "-q", workdir.toString())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor();
    } catch (IOException e) {
      // no git on this machine
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Types nothing before the shipped classifier reads each CLI IDLE twice: a prompt typed into a
   * starting CLI is lost.
   */
  private void awaitReady() {
    Instant end = Instant.now().plus(READY_LIMIT);
    for (Member m : TEAM) {
      int idleReads = 0;
      while (idleReads < 2) {
        idleReads = m.cli().readyIn(tmux, session + ":" + m.name()) ? idleReads + 1 : 0;
        if (Instant.now().isAfter(end)) {
          throw new IllegalStateException(
              m.name()
                  + " did not show its input within "
                  + READY_LIMIT.toSeconds()
                  + " s; its window shows:\n"
                  + tmux.captureScreen(session + ":" + m.name()).text().strip());
        }
        if (idleReads < 2) {
          try {
            Thread.sleep(500);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the CLIs started", e);
          }
        }
      }
    }
  }

  /**
   * Ends the tmux server, the CLIs it ran (Gemini's node outlives the hang-up the server's end
   * sends, and would stay behind, reparented to init), what the CLIs left running under their homes
   * (Codex's app-server), and the model server.
   */
  @Override
  public void close() {
    if (tmux != null) {
      List<ProcessHandle> clis = new ArrayList<>();
      try {
        tmux.listPanes(session).forEach(p -> ProcessHandle.of(p.pid()).ifPresent(clis::add));
      } catch (RuntimeException e) {
        // the server is gone already: nothing of it to end
      }
      tmux.killServer();
      for (ProcessHandle cli : clis) {
        cli.descendants().forEach(ProcessHandle::destroy);
        cli.destroy();
      }
    }
    if (homes != null) {
      String mine = homes + "/";
      ProcessHandle.allProcesses()
          .filter(p -> p.info().commandLine().map(c -> c.contains(mine)).orElse(false))
          .forEach(ProcessHandle::destroy);
    }
    if (model != null) {
      model.close();
    }
  }
}
