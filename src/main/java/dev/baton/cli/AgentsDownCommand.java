package dev.baton.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "down",
    mixinStandardHelpOptions = true,
    description = {
      "End the CLIs that 'agents up' started: each is asked to exit its own way, then sent Escape and C-c, then its"
          + " window is closed. Windows and sessions 'up' did not make are left alone."
    })
class AgentsDownCommand implements Callable<Integer> {
  @ParentCommand AgentsCommand agents;
  @Mixin GlobalOptions global;

  @Override
  public Integer call() {
    var baton = agents.baton;
    new TeamUp(baton.springArgs(global, true, List.of())).down(baton.spec.commandLine().getOut());
    return ExitCodes.OK;
  }
}
