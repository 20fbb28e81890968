package dev.baton.cli;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code baton} command: holds what its subcommands share. */
@Command(
    name = "baton",
    mixinStandardHelpOptions = true,
    version = "Baton 0.1.0",
    description = "Orchestrates coding-agent CLIs in tmux as a Camunda 8 workflow.",
    subcommands = {
      RunCommand.class,
      DemoCommand.class,
      ServeCommand.class,
      SubmitCommand.class,
      StatusCommand.class,
      WatchCommand.class,
      AgentsCommand.class,
      HooksCommand.class,
      LintCommand.class,
      AgentCommand.class,
      CleanCommand.class
    },
    footerHeading = "%n",
    footer = {
      "Spring settings pass through as --baton.*=, --spring.*=, --server.*=, --camunda.*= (with '=').",
      "Exit codes: 0 ok, 1 run failed (or cancelled, or did not end in time), 2 usage or configuration error."
    })
public class BatonCommand implements Runnable {
  private final Cli.Environment env;
  private final List<String> springArgs;

  @Mixin GlobalOptions global;

  @Spec CommandSpec spec;

  BatonCommand(Cli.Environment env, List<String> springArgs) {
    this.env = env;
    this.springArgs = List.copyOf(springArgs);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  Cli.Environment env() {
    return env;
  }

  boolean debug(GlobalOptions sub) {
    return global.debug || (sub != null && sub.debug);
  }

  /**
   * Spring settings for a context: quiet defaults unless {@code --debug} (the command prints what
   * matters), the config file, the extra settings of the caller, then the user's own, which win.
   */
  List<String> springArgs(GlobalOptions sub, boolean quietBaton, List<String> extra) {
    List<String> user = new ArrayList<>(extra);
    user.addAll(springArgs);
    var config = sub != null && sub.config != null ? sub.config : global.config;
    if (config != null) {
      if (!Files.isRegularFile(config)) {
        throw new CliFailure(ExitCodes.USAGE, "the config file " + config + " does not exist");
      }
      user.add("--spring.config.additional-location=file:" + config.toAbsolutePath());
    }
    List<String> args = new ArrayList<>();
    if (!debug(sub)) {
      addDefault(args, user, "--logging.level.org.springframework.boot.SpringApplication", "OFF");
      addDefault(
          args,
          user,
          "--logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter",
          "OFF");
      // a failed start is reported once, as our own sentence, not also as a framework warning
      addDefault(args, user, "--logging.level.org.springframework.context", "ERROR");
      addDefault(args, user, "--logging.level.org.springframework.boot.web", "ERROR");
      addDefault(args, user, "--logging.level.io.camunda.spring.client.properties", "ERROR");
      if (quietBaton) {
        addDefault(args, user, "--logging.level.dev.baton", "WARN");
        addDefault(args, user, "--logging.level.io.camunda", "ERROR");
      }
    }
    args.addAll(user);
    return lastOfEachKey(args);
  }

  /**
   * Spring joins a setting given twice with a comma ({@code --baton.workdir=a --baton.workdir=b}
   * reads "a,b"); the later one is meant, as the order above promises. Lists of config files and
   * profiles keep every value.
   */
  static List<String> lastOfEachKey(List<String> args) {
    java.util.LinkedHashMap<String, String> byKey = new java.util.LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      String key =
          eq < 0 || arg.startsWith("--spring.config.") || arg.startsWith("--spring.profiles.")
              ? arg
              : arg.substring(0, eq);
      byKey.remove(key);
      byKey.put(key, arg);
    }
    return new ArrayList<>(byKey.values());
  }

  private static void addDefault(List<String> args, List<String> user, String key, String value) {
    if (user.stream().noneMatch(a -> a.startsWith(key + "="))) {
      args.add(key + "=" + value);
    }
  }

  /** Starts the context for a command that needs agents; see the next method. */
  ConfigurableApplicationContext startContext(
      GlobalOptions sub, boolean web, boolean quietBaton, List<String> extra) {
    return startContext(sub, web, quietBaton, extra, Preflight.Scope.START);
  }

  /**
   * Checks the setup as {@code lint} does and refuses on the first problem, before the engine or
   * anything else starts; then starts the context, turning a failed start into one sentence. Both
   * refusals exit with code 2.
   */
  ConfigurableApplicationContext startContext(
      GlobalOptions sub,
      boolean web,
      boolean quietBaton,
      List<String> extra,
      Preflight.Scope checks) {
    List<String> args = springArgs(sub, quietBaton, extra);
    Preflight.requireClean(args, checks);
    try {
      return env.contexts().start(web, args);
    } catch (CliFailure e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CliFailure(ExitCodes.USAGE, "Baton could not start: " + ErrorSentences.of(e), e);
    }
  }
}
