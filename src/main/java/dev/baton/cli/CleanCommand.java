package dev.baton.cli;

import dev.baton.git.GitException;
import dev.baton.isolation.Workspaces;
import dev.baton.run.JournalEntry;
import dev.baton.run.RunJournal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.boot.context.properties.bind.Binder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "clean",
    mixinStandardHelpOptions = true,
    description = {
      "Remove the git worktrees of a finished worktree run (.baton/worktrees/...), and with --branches its branches",
      "baton/RUN and baton/RUN-<agent>. Other runs' worktrees and branches, and yours, are left alone."
    })
class CleanCommand implements Callable<Integer> {
  @ParentCommand BatonCommand baton;
  @Mixin GlobalOptions global;

  @Parameters(
      index = "0",
      paramLabel = "RUN",
      description = "The run id (as REPORT.md and 'status' show it).")
  String runId;

  @Option(
      names = "--branches",
      description = "Also delete the run's branches (merge baton/RUN first if you want its work).")
  boolean branches;

  @Option(
      names = "--force",
      description = "Clean a run that has not finished, and worktrees holding uncommitted changes.")
  boolean force;

  @Override
  public Integer call() {
    var env = Preflight.environment(baton.springArgs(global, true, List.of()));
    Binder binder = Binder.get(env);
    Path workdir =
        binder.bind("baton.workdir", Path.class).orElse(Path.of(".")).toAbsolutePath().normalize();
    String board = binder.bind("baton.board", String.class).orElse("CLAUDE.md");
    Duration timeout =
        binder.bind("baton.git-timeout", Duration.class).orElse(Duration.ofSeconds(60));
    Optional<JournalEntry> entry = new RunJournal(workdir, Clock.systemUTC()).get(runId);
    if (entry.isPresent() && !entry.get().phase().finished() && !force) {
      throw new CliFailure(
          ExitCodes.USAGE,
          "run "
              + runId
              + " has not finished (it is in phase "
              + entry.get().phase().label()
              + " and resumes at Baton's next start): let it end, or pass --force");
    }
    Workspaces workspaces = Workspaces.forCleaning(workdir, workdir.resolve(board), timeout);
    Workspaces.Cleaned cleaned;
    try {
      cleaned = workspaces.clean(runId, branches, force);
    } catch (GitException e) {
      throw new CliFailure(
          ExitCodes.RUN_FAILED,
          e.getMessage()
              + (force
                  ? ""
                  : " (a worktree with uncommitted changes is kept unless you pass --force)"));
    }
    var out = baton.spec.commandLine().getOut();
    if (cleaned.worktrees().isEmpty() && cleaned.branches().isEmpty()) {
      out.println("Nothing to clean for run " + runId + " in " + workdir + ".");
    }
    cleaned.worktrees().forEach(p -> out.println("removed worktree " + workdir.relativize(p)));
    cleaned.branches().forEach(b -> out.println("deleted branch " + b));
    out.flush();
    return ExitCodes.OK;
  }
}
