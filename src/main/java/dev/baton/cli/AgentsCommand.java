package dev.baton.cli;

import dev.baton.api.AgentInfo;
import dev.baton.api.AgentsView;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "agents",
    mixinStandardHelpOptions = true,
    description = "Show the configured roster and what each agent's pane says now (name, CLI, tmux target, state, task).")
class AgentsCommand implements Callable<Integer> {
  @ParentCommand BatonCommand baton;
  @Mixin GlobalOptions global;

  @Override
  public Integer call() {
    try (var context = baton.startContext(global, false, true, List.of(), Preflight.Scope.ROSTER)) {
      AgentsView view = context.getBeanProvider(AgentsView.class).getIfAvailable();
      if (view == null) {
        throw new CliFailure(ExitCodes.USAGE, "the agent roster is not available in this build");
      }
      var out = baton.spec.commandLine().getOut();
      List<AgentInfo> agents = view.agents();
      if (agents.isEmpty()) {
        out.println("No agents configured (baton.agents).");
      } else {
        out.printf("%-10s %-8s %-24s %-13s %s%n", "NAME", "CLI", "TARGET", "STATE", "TASK");
        for (AgentInfo a : agents) {
          out.printf("%-10s %-8s %-24s %-13s %s%n", a.name(), a.cli(), a.target(), a.state(), a.taskId() == null ? "-" : a.taskId());
        }
      }
      return ExitCodes.OK;
    }
  }
}
