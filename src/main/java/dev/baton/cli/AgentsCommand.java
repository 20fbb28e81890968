package dev.baton.cli;

import dev.baton.agents.Agent;
import dev.baton.agents.AgentRoster;
import dev.baton.agents.Observation;
import dev.baton.agents.StateProbe;
import dev.baton.tmux.TmuxException;
import dev.baton.views.AgentInfo;
import dev.baton.views.AgentsView;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "agents",
    mixinStandardHelpOptions = true,
    subcommands = {AgentsUpCommand.class, AgentsDownCommand.class},
    description =
        "Show the configured roster and what each agent's pane says now (name, CLI, tmux target, state, task).")
class AgentsCommand implements Callable<Integer> {
  @ParentCommand BatonCommand baton;
  @Mixin GlobalOptions global;

  @Option(
      names = "--explain",
      description =
          "For each agent, say why its state is what it is: the rule (kind, state, pattern), the screen"
              + " line and region that decided, and the other rules that matched (runners-up).")
  boolean explain;

  @Override
  public Integer call() {
    try (var context = baton.startContext(global, false, true, List.of(), Preflight.Scope.ROSTER)) {
      if (explain) {
        AgentRoster roster = context.getBeanProvider(AgentRoster.class).getIfAvailable();
        StateProbe probe = context.getBeanProvider(StateProbe.class).getIfAvailable();
        if (roster == null || probe == null) {
          throw new CliFailure(ExitCodes.USAGE, "the agent roster is not available in this build");
        }
        explain(baton.spec.commandLine().getOut(), roster.all(), probe);
        return ExitCodes.OK;
      }
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
          out.printf(
              "%-10s %-8s %-24s %-13s %s%n",
              a.name(), a.cli(), a.target(), a.state(), a.taskId() == null ? "-" : a.taskId());
        }
      }
      return ExitCodes.OK;
    }
  }

  /** One block per agent: name, kind, target and the classifier's explanation of its screen. */
  static void explain(PrintWriter out, List<Agent> agents, StateProbe probe) {
    if (agents.isEmpty()) {
      out.println("No agents configured (baton.agents).");
      return;
    }
    for (Agent a : agents) {
      out.printf("%s (%s, %s)%n", a.name(), a.cli().id(), a.target());
      try {
        Observation seen = probe.observe(a);
        out.println("  " + seen.explain().replace("\n", "\n  "));
        if (!a.patterns().checkedOn().isEmpty()) {
          out.println(
              "  patterns checked on "
                  + a.cli().id()
                  + " "
                  + String.join(", ", a.patterns().checkedOn()));
        }
      } catch (TmuxException e) {
        out.println("  cannot read the pane: " + e.getMessage());
      }
      out.println();
    }
    out.flush();
  }
}
