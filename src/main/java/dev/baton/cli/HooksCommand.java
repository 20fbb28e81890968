package dev.baton.cli;

import dev.baton.agents.Agent;
import dev.baton.agents.AgentRoster;
import dev.baton.hooks.HookInstaller;
import dev.baton.run.RunProperties;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "hooks",
    mixinStandardHelpOptions = true,
    description =
        "Hooks as a doorbell: let an agent's CLI tell Baton when a turn ends, so Baton looks at once.",
    subcommands = {HooksCommand.Install.class})
class HooksCommand {
  @ParentCommand BatonCommand baton;

  @Command(
      name = "install",
      mixinStandardHelpOptions = true,
      description =
          "Write the agent's CLI hook configuration into the workdir (Claude Code: .claude/settings.local.json,"
              + " Gemini CLI: .gemini/settings.json; Codex: prints the flag, its notify setting is global).")
  static class Install implements Callable<Integer> {
    @ParentCommand HooksCommand hooks;
    @Mixin GlobalOptions global;

    @Option(names = "--agent", required = true, description = "Agent name from baton.agents.")
    String agent;

    @Option(
        names = "--stop-guard",
        description =
            "Claude Code only: also a Stop hook that refuses the end of a turn (at most twice per task) while"
                + " the agent's row is still IN_PROGRESS, with a one-line reminder to update the board.")
    boolean stopGuard;

    @Override
    public Integer call() {
      try (var context = hooks.baton.startContext(global, false, true, List.of())) {
        AgentRoster roster = context.getBean(AgentRoster.class);
        Agent a =
            roster
                .byName(agent)
                .orElseThrow(
                    () ->
                        new CliFailure(
                            ExitCodes.USAGE, "no agent named " + agent + " in baton.agents"));
        RunProperties props = context.getBean(RunProperties.class);
        Path workdir = props.workdir();
        String pane = null;
        if (stopGuard) {
          try {
            pane = context.getBean(dev.baton.tmux.TmuxClient.class).paneInfo(a.target()).paneId();
          } catch (RuntimeException e) {
            // tmux not running yet: the guard then answers in whichever CLI runs the workdir's
            // hooks
          }
        }
        HookInstaller.Result r =
            new HookInstaller()
                .install(a.cli(), a.name(), workdir, stopGuard ? props.boardFile() : null, pane);
        var out = hooks.baton.spec.commandLine().getOut();
        if (r.written().isEmpty() && r.note() == null) {
          out.println("Hooks for " + a.name() + " are already installed.");
        }
        r.written().forEach(p -> out.println("wrote " + p));
        if (r.note() != null) {
          out.println(r.note());
        }
        out.flush();
        return ExitCodes.OK;
      }
    }
  }
}
