package dev.baton.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run one request in the foreground against the configured roster: start the engine, show live progress,",
      "print the final report. Exit 0 when the run ends done, 1 when it fails or is cancelled."
    })
class RunCommand implements Callable<Integer> {
  @ParentCommand BatonCommand baton;
  @Mixin GlobalOptions global;
  @Mixin RequestInput request;
  @Mixin RunOptions overrides;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "24h",
      converter = RunOptions.DurationConverter.class,
      description = "Give up waiting after this long (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = "--new",
      description = {
        "Start a second run even when Baton resumes an unfinished run of the same request on this workdir",
        "(without it, the same command after a crash continues that run)."
      })
  boolean forceNew;

  @Option(names = "--plain", description = "Plain appended lines even on a terminal.")
  boolean plain;

  @Option(
      names = "--up",
      description =
          "First start the agents' CLIs as 'agents up' does; they keep running after the run.")
  boolean up;

  @Option(
      names = "--up-timeout",
      paramLabel = "DURATION",
      defaultValue = "90s",
      converter = RunOptions.DurationConverter.class,
      description =
          "With --up: how long the CLIs may take to show an idle input (default ${DEFAULT-VALUE}).")
  Duration upTimeout;

  @Option(
      names = "--allow-dirty",
      description = {
        "With baton.isolation=worktree: start even when the workdir has uncommitted changes (the agents' worktrees",
        "start from the last commit and do not see them); the same as baton.allow-dirty=true."
      })
  boolean allowDirty;

  @Override
  public Integer call() {
    String text = request.text();
    List<String> extra = allowDirty ? List.of("--baton.allow-dirty=true") : List.of();
    if (up) {
      new TeamUp(baton.springArgs(global, true, List.of()))
          .up(upTimeout, baton.spec.commandLine().getOut());
    }
    try (var context = baton.startContext(global, false, true, extra)) {
      var out = baton.spec.commandLine().getOut();
      return new ForegroundRun(context, out, baton.env().terminal() && !plain, baton.env().zone())
          .run(text, overrides, timeout, forceNew);
    }
  }
}
