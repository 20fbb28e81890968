package dev.baton.cli;

import dev.baton.demo.DemoEnvironment;
import dev.baton.demo.DemoSetup;
import dev.baton.demo.real.RealCli;
import dev.baton.demo.real.RealCliDemo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run a sample request with simulated agents in a throw-away workdir and a private tmux server,",
      "showing each transition live, then the report. Needs tmux.",
      "With --real: the real Claude Code, Codex and Gemini CLI (installed by tools/install-clis.sh) against a",
      "scripted model server on 127.0.0.1, with fake keys."
    })
class DemoCommand implements Callable<Integer> {
  @ParentCommand BatonCommand baton;
  @Mixin GlobalOptions global;
  @Mixin RunOptions overrides;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "5m",
      converter = RunOptions.DurationConverter.class,
      description = "Give up waiting after this long (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--plain", description = "Plain appended lines even on a terminal.")
  boolean plain;

  @Option(names = "--real", description = "Drive the real agent CLIs instead of simulated agents.")
  boolean real;

  @Option(
      names = "--worktrees",
      description = {
        "Each simulated agent works in its own git worktree (baton.isolation=worktree); two tasks edit the same line,",
        "so a merge conflict is routed to its author, resolved, and merged."
      })
  boolean worktrees;

  @Option(
      names = "--cli-cache",
      paramLabel = "DIR",
      description =
          "Where tools/install-clis.sh put the CLIs (default: $BATON_CLI_CACHE, else ~/.cache/baton-cli).")
  Path cliCache;

  @Override
  public Integer call() {
    DemoEnvironment demo =
        real
            ? realTeam()
            : worktrees ? dev.baton.demo.SimulatedTeam.withWorktrees() : simulatedTeam();
    return run(demo);
  }

  private DemoEnvironment realTeam() {
    Path cache = cliCache != null ? cliCache : RealCli.cache();
    RealCliDemo.missing(cache)
        .ifPresent(
            why -> {
              throw new CliFailure(ExitCodes.USAGE, why);
            });
    return new RealCliDemo(cache);
  }

  private DemoEnvironment simulatedTeam() {
    return baton
        .env()
        .demos()
        .get()
        .orElseThrow(
            () ->
                new CliFailure(
                    ExitCodes.USAGE,
                    "the demo is not available in this build: no dev.baton.demo.DemoEnvironment is installed"));
  }

  private int run(DemoEnvironment demo) {
    var out = baton.spec.commandLine().getOut();
    // Ctrl-C ends the JVM through its shutdown hooks, not through the finally below: the demo's
    // agents must go too.
    Thread cleanup = new Thread(demo::close, "baton-demo-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try (demo) {
      DemoSetup setup = demo.prepare(WriterStream.over(out));
      out.println("Demo workdir: " + setup.workdir());
      out.println("Watch the agents live: " + setup.attachCommand());
      out.flush();
      List<String> extra = new ArrayList<>();
      extra.add("--baton.workdir=" + setup.workdir());
      extra.addAll(setup.springArgs());
      try (var context = baton.startContext(global, false, true, extra)) {
        return new ForegroundRun(context, out, baton.env().terminal() && !plain, baton.env().zone())
            .run(setup.request(), overrides, timeout);
      }
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or will run
      }
    }
  }
}
