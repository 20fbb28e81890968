package dev.baton.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Start each agent's CLI (its roster 'command') in its own tmux window and wait until every agent shows an idle"
          + " input. Windows that exist are left as they are. A trust dialog is answered only for agents with"
          + " 'trust-folder: true'; login and API-key screens never: each is named with how to attach."
    })
class AgentsUpCommand implements Callable<Integer> {
  @ParentCommand AgentsCommand agents;
  @Mixin GlobalOptions global;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "90s",
      converter = RunOptions.DurationConverter.class,
      description = "How long the CLIs may take to show an idle input (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() {
    var baton = agents.baton;
    new TeamUp(baton.springArgs(global, true, List.of()))
        .up(timeout, baton.spec.commandLine().getOut());
    return ExitCodes.OK;
  }
}
