package dev.baton.cli;

import dev.baton.api.RunDetail;
import dev.baton.api.RunSummary;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description = {
      "Follow a run of a running 'baton serve' until it ends, then print its report.",
      "Exit 0 when it ends done, 1 when it fails or is cancelled."
    })
class WatchCommand implements Callable<Integer> {
  @ParentCommand BatonCommand baton;
  @Mixin GlobalOptions global;
  @Mixin ServerOptions server;

  @Parameters(
      paramLabel = "RUN",
      arity = "0..1",
      description = "Run id (the newest unfinished run when absent).")
  String runId;

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      defaultValue = "1s",
      converter = RunOptions.DurationConverter.class,
      description = "How often to ask the server (default ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(names = "--plain", description = "Plain appended lines even on a terminal.")
  boolean plain;

  @Override
  public Integer call() throws InterruptedException {
    if (interval.isZero() || interval.isNegative()) {
      throw new CliFailure(ExitCodes.USAGE, "--interval must be a positive duration");
    }
    ApiClient api = new ApiClient(server, baton.env().http());
    String id = runId != null ? runId : newestRun(api);
    var out = baton.spec.commandLine().getOut();
    ProgressPrinter printer =
        new ProgressPrinter(out, baton.env().terminal() && !plain, baton.env().zone());
    int seen = 0;
    while (true) {
      RunDetail d = api.get("/api/runs/" + id, RunDetail.class);
      for (int i = seen; i < d.events().size(); i++) {
        printer.event(d.events().get(i));
      }
      seen = d.events().size();
      printer.update(ProgressView.of(id, d.run().phaseLabel(), d.tasks(), d.agents()));
      if (d.run().finished()) {
        printer.finish();
        out.println();
        if (d.report() != null) {
          out.println(d.report().stripTrailing());
        }
        out.println("Run " + id + " ended: " + d.run().phaseLabel());
        return "DONE".equals(d.run().phase()) ? ExitCodes.OK : ExitCodes.RUN_FAILED;
      }
      Thread.sleep(interval.toMillis());
    }
  }

  private static String newestRun(ApiClient api) {
    RunSummary[] runs = api.get("/api/runs", RunSummary[].class);
    return Arrays.stream(runs)
        .sorted(
            Comparator.comparing(RunSummary::finished)
                .thenComparing(RunSummary::startedAt, Comparator.reverseOrder()))
        .map(RunSummary::runId)
        .findFirst()
        .orElseThrow(
            () ->
                new CliFailure(
                    ExitCodes.USAGE,
                    "the server has no run to watch: start one with 'baton submit'"));
  }
}
