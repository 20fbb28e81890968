package dev.baton.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = {
      "Run an agent program in this terminal. Only the simulated agent exists: 'baton agent --sim [ARGS...]'",
      "passes ARGS to it (it is what the demo and the tests start in tmux windows)."
    })
class AgentCommand implements Callable<Integer> {
  /** Looked up by name so the command line does not depend on the simulator being built. */
  static final String SIMULATOR = "dev.baton.sim.SimulatedAgent";

  private final String simulator;

  AgentCommand() {
    this(SIMULATOR);
  }

  AgentCommand(String simulator) {
    this.simulator = simulator;
  }

  @Option(names = "--sim", description = "Start the simulated agent.")
  boolean sim;

  @Parameters(
      paramLabel = "ARGS",
      arity = "0..*",
      description = "Arguments of the simulated agent.")
  List<String> rest = List.of();

  @Override
  public Integer call() throws Exception {
    if (!sim) {
      throw new CliFailure(
          ExitCodes.USAGE,
          "only the simulated agent can run here: use 'baton agent --sim ...' (real agent CLIs are started in tmux by the roster)");
    }
    Method main;
    try {
      main = Class.forName(simulator).getMethod("main", String[].class);
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      throw new CliFailure(
          ExitCodes.USAGE,
          "the simulated agent is not part of this build (" + simulator + " is missing)");
    }
    try {
      main.invoke(null, (Object) rest.toArray(String[]::new));
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
    return ExitCodes.OK;
  }
}
