package dev.baton.cli;

import dev.baton.demo.DemoEnvironment;
import java.io.Console;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import picocli.CommandLine;

/** Runs one {@code baton} command line and returns its exit code. */
public final class Cli {
  /** Settings passed straight to Spring when they appear as {@code --prefix...=value}. */
  static final List<String> SPRING_PREFIXES =
      List.of("--baton.", "--spring.", "--server.", "--camunda.", "--management.", "--logging.");

  private Cli() {}

  /**
   * What the commands use from the outside world; tests replace parts of it.
   *
   * @param terminal stdout is an interactive terminal (progress is redrawn in place)
   */
  public record Environment(
      ContextStarter contexts,
      Supplier<Optional<DemoEnvironment>> demos,
      HttpClient http,
      ZoneId zone,
      boolean terminal) {

    public static Environment system() {
      return new Environment(
          new SpringContexts(),
          () -> ServiceLoader.load(DemoEnvironment.class).findFirst(),
          HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
          ZoneId.systemDefault(),
          isTerminal());
    }

    public Environment withContexts(ContextStarter starter) {
      return new Environment(starter, demos, http, zone, terminal);
    }

    public Environment withDemos(Supplier<Optional<DemoEnvironment>> supplier) {
      return new Environment(contexts, supplier, http, zone, terminal);
    }

    public Environment withTerminal(boolean isTerminal) {
      return new Environment(contexts, demos, http, zone, isTerminal);
    }

    /**
     * {@code System.console()} alone is not enough on JDK 22+, where it exists even when output is
     * piped.
     */
    private static boolean isTerminal() {
      Console console = System.console();
      if (console == null || "dumb".equals(System.getenv("TERM"))) {
        return false;
      }
      try {
        return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
      } catch (ReflectiveOperationException e) {
        return true;
      }
    }
  }

  public static int execute(String[] args, PrintWriter out, PrintWriter err, Environment env) {
    List<String> cli = new ArrayList<>();
    List<String> spring = new ArrayList<>();
    split(args, cli, spring);
    boolean debug = cli.contains("--debug");
    BatonCommand top = new BatonCommand(env, spring);
    CommandLine line = new CommandLine(top);
    line.setOut(out);
    line.setErr(err);
    line.setCaseInsensitiveEnumValuesAllowed(true);
    line.getSubcommands().get("agent").setUnmatchedOptionsArePositionalParams(true);
    // a request is often a Markdown list ("- Write the parser\n- Test it"): not an unknown option
    line.getSubcommands().get("run").setUnmatchedOptionsArePositionalParams(true);
    line.getSubcommands().get("submit").setUnmatchedOptionsArePositionalParams(true);
    line.setParameterExceptionHandler(
        (ex, a) -> {
          CommandLine failed = ex.getCommandLine();
          err.println(
              "baton: "
                  + ex.getMessage()
                  + " (see 'baton "
                  + (failed == line ? "" : failed.getCommandName() + " ")
                  + "--help')");
          err.flush();
          return ExitCodes.USAGE;
        });
    line.setExecutionExceptionHandler(
        (ex, failed, parseResult) -> {
          int code = ex instanceof CliFailure f ? f.exitCode() : ExitCodes.RUN_FAILED;
          err.println("baton: " + ErrorSentences.of(ex));
          if (debug) {
            ex.printStackTrace(err);
          }
          err.flush();
          return code;
        });
    int code = line.execute(cli.toArray(String[]::new));
    out.flush();
    err.flush();
    return code;
  }

  /**
   * Spring settings go to the context; everything after {@code agent} belongs to the agent program.
   */
  static void split(String[] args, List<String> cli, List<String> spring) {
    boolean agent = false;
    for (String arg : args) {
      if (!agent && arg.equals("agent") && cli.stream().allMatch(a -> a.startsWith("-"))) {
        agent = true;
      }
      if (!agent && SPRING_PREFIXES.stream().anyMatch(arg::startsWith)) {
        spring.add(arg);
      } else {
        cli.add(arg);
      }
    }
  }
}
