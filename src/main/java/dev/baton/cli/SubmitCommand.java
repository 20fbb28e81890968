package dev.baton.cli;

import dev.baton.api.StartRunBody;
import dev.baton.api.StartedRun;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = "Start a run on a running 'baton serve' and print its id (text or --file).")
class SubmitCommand implements Callable<Integer> {
  @ParentCommand BatonCommand baton;
  @Mixin GlobalOptions global;
  @Mixin ServerOptions server;
  @Mixin RequestInput request;
  @Mixin RunOptions overrides;

  @Override
  public Integer call() {
    String text = request.text();
    ApiClient api = new ApiClient(server, baton.env().http());
    StartedRun started =
        api.post(
            "/api/runs",
            new StartRunBody(
                text,
                null,
                overrides.pollInterval,
                overrides.inactivePolls,
                overrides.maxRalphCycles,
                overrides.submitRetries),
            StartedRun.class);
    var out = baton.spec.commandLine().getOut();
    out.println(started.runId());
    out.println(
        "Started run "
            + started.runId()
            + " (process instance "
            + started.processInstanceKey()
            + "). Follow it: baton watch "
            + started.runId());
    return ExitCodes.OK;
  }
}
