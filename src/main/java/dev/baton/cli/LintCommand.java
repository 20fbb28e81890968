package dev.baton.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    description = {
      "Check configuration, workdir, agents (against tmux), process model and board without starting the engine:",
      "the same checks run, serve and agents make before they start. Lists every problem with file:line.",
      "Exit 0 when all is well, 1 when something must be fixed, 2 on wrong usage."
    })
class LintCommand implements Callable<Integer> {
  @ParentCommand BatonCommand baton;
  @Mixin GlobalOptions global;

  @Override
  public Integer call() {
    PrintWriter out = baton.spec.commandLine().getOut();
    List<String> args = baton.springArgs(global, true, List.of());
    Preflight.Outcome outcome = Preflight.check(args, Preflight.Scope.LINT);
    for (Preflight.Area area : Preflight.Area.values()) {
      List<Preflight.Finding> problems =
          outcome.problems().stream().filter(f -> f.area() == area).toList();
      problems.forEach(p -> out.println("FAIL " + area.label() + ": " + p.sentence()));
      if (problems.isEmpty()) {
        outcome.passed().stream()
            .filter(f -> f.area() == area)
            .forEach(p -> out.println("ok   " + area.label() + ": " + p.sentence()));
      }
    }
    if (!outcome.clean()) {
      int n = outcome.problems().size();
      out.println(n + " problem" + (n == 1 ? "" : "s") + " found");
    }
    out.flush();
    return outcome.clean() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
  }
}
