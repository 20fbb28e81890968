package dev.baton.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.baton.agents.AgentProperties;
import dev.baton.agents.AgentRoster;
import dev.baton.agents.AgentsProperties;
import dev.baton.agents.CliPatternCatalog;
import dev.baton.agents.RosterException;
import dev.baton.agents.RosterValidator;
import dev.baton.agents.TmuxProperties;
import dev.baton.api.ApiProperties;
import dev.baton.board.Board;
import dev.baton.board.BoardStore;
import dev.baton.ops.BoardCheck;
import dev.baton.ops.OpsProperties;
import dev.baton.process.InvalidProcessModelException;
import dev.baton.process.ProcessModel;
import dev.baton.run.JournalEntry;
import dev.baton.run.RunJournal;
import dev.baton.run.RunLauncher;
import dev.baton.run.RunProperties;
import dev.baton.tmux.TmuxClient;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.validation.annotation.Validated;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * What Baton checks before it starts anything: the settings bind, the workdir exists and can be
 * written, the roster is sound and (with {@code baton.tmux.verify-on-start}) matches tmux, and for
 * {@code lint} also the process model and the board's rows. {@code lint} prints every finding;
 * {@code run}, {@code demo}, {@code serve} and {@code agents} refuse to start on the first, before
 * the engine starts. The checks are the application's own code (the properties records, {@link
 * AgentRoster}, {@link RosterValidator}, {@link ProcessModel}, {@link BoardStore}), so what lint
 * passes, the application accepts.
 */
final class Preflight {
  private static final Pattern AGENT_PROBLEM = Pattern.compile("^agent (\\S+) \\(target");
  private static final Pattern CONFIG_LOCATION =
      Pattern.compile(
          "^--spring\\.config\\.(?:additional-)?location=(?:optional:)?(?:file:)?(.+)$");

  /** The part of Baton a finding is about; lint prints one line per area. */
  enum Area {
    CONFIG,
    WORKDIR,
    AGENTS,
    TMUX,
    MODEL,
    BOARD;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * @param needAgents an empty roster is a problem (a run would wait for agents that never come)
   * @param model load and validate the process model (the context's deployment does it anyway)
   * @param boardRows read the board's rows and report their problems (a run copes with them as it
   *     goes)
   * @param panes every agent's pane must exist (with {@code baton.tmux.verify-on-start}); not
   *     before {@code agents up} has made them
   */
  record Scope(boolean needAgents, boolean model, boolean boardRows, boolean panes) {
    static final Scope LINT = new Scope(true, true, true, true);
    static final Scope START = new Scope(true, false, false, true);
    static final Scope ROSTER = new Scope(false, false, false, true);
    static final Scope UP = new Scope(true, false, false, false);

    /**
     * Bean-validation constraints ({@code @Min} on run settings) are checked by lint only: a
     * starting context checks them itself, and bootstrapping a second validator would add to every
     * start.
     */
    boolean constraints() {
      return model;
    }
  }

  /**
   * One problem in one sentence, starting with where it is ({@code file:line:column}) when that is
   * known.
   *
   * @param cause the exception behind it, for {@code --debug}; null when there is none
   */
  record Finding(Area area, String sentence, Throwable cause) {
    Finding(Area area, String sentence) {
      this(area, sentence, null);
    }
  }

  /** Every problem found, and a short "ok" note for each area that passed. */
  record Outcome(List<Finding> problems, List<Finding> passed) {
    boolean clean() {
      return problems.isEmpty();
    }
  }

  private final List<Finding> problems = new ArrayList<>();
  private Setup setup;
  private final List<Finding> passed = new ArrayList<>();
  private final Clock clock;

  private Preflight(Clock clock) {
    this.clock = clock;
  }

  /**
   * Checks the settings {@code springArgs} give (config file, profiles, {@code --baton.*} settings,
   * environment), without starting the application.
   */
  static Outcome check(List<String> springArgs, Scope scope) {
    quietLogging();
    Preflight check = new Preflight(Clock.systemUTC());
    ConfigurableEnvironment env;
    try {
      env = environment(springArgs);
    } catch (RuntimeException e) {
      check.problems.add(
          new Finding(Area.CONFIG, ErrorSentences.of(e, yamlFileWithError(springArgs)), e));
      return check.outcome();
    }
    check.run(env, scope);
    return check.outcome();
  }

  /** Refuses with the first problem as one sentence, exit code 2. */
  static void requireClean(List<String> springArgs, Scope scope) {
    refuseUnlessClean(check(springArgs, scope));
  }

  /**
   * The settings {@code agents up} and {@code down} work from, checked as a start checks them
   * except that the agents' windows need not exist yet; refuses as {@link #requireClean} does.
   */
  static Setup setup(List<String> springArgs) {
    quietLogging();
    Preflight check = new Preflight(Clock.systemUTC());
    try {
      check.run(environment(springArgs), Scope.UP);
    } catch (RuntimeException e) {
      check.problems.add(
          new Finding(Area.CONFIG, ErrorSentences.of(e, yamlFileWithError(springArgs)), e));
    }
    refuseUnlessClean(check.outcome());
    return check.setup;
  }

  /** The bound settings and the roster built from them. */
  record Setup(
      RunProperties run, AgentsProperties agents, TmuxProperties tmux, AgentRoster roster) {}

  private static void refuseUnlessClean(Outcome outcome) {
    if (!outcome.clean()) {
      int more = outcome.problems().size() - 1;
      Finding first = outcome.problems().getFirst();
      String sentence =
          first.sentence()
              + (more == 0
                  ? ""
                  : " (and "
                      + more
                      + " more problem"
                      + (more == 1 ? "" : "s")
                      + ": 'baton lint' lists them)");
      throw first.cause() == null
          ? new CliFailure(ExitCodes.USAGE, sentence)
          : new CliFailure(ExitCodes.USAGE, sentence, first.cause());
    }
  }

  /**
   * The environment the application would see: command line first, then system, environment, config
   * files.
   */
  static ConfigurableEnvironment environment(List<String> springArgs) {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources()
        .addFirst(new SimpleCommandLinePropertySource(springArgs.toArray(String[]::new)));
    ConfigDataEnvironmentPostProcessor.applyTo(env);
    return env;
  }

  private Outcome outcome() {
    return new Outcome(List.copyOf(problems), List.copyOf(passed));
  }

  private void problem(Area area, String sentence) {
    problems.add(new Finding(area, sentence));
  }

  private void problem(Area area, String sentence, Throwable cause) {
    problems.add(new Finding(area, sentence, cause));
  }

  private void ok(Area area, String note) {
    passed.add(new Finding(area, note));
  }

  private void run(ConfigurableEnvironment env, Scope scope) {
    Binder binder = Binder.get(env);
    int before = problems.size();
    boolean constraints = scope.constraints();
    RunProperties run = bind(env, binder, "baton", RunProperties.class, constraints);
    if (run == null && constraints) {
      run =
          unchecked(
              binder,
              RunProperties
                  .class); // a broken constraint need not hide the workdir, model and board
    }
    AgentsProperties agents = bind(env, binder, "baton", AgentsProperties.class, constraints);
    TmuxProperties tmux = bind(env, binder, "baton.tmux", TmuxProperties.class, constraints);
    bind(env, binder, "baton.api", ApiProperties.class, constraints);
    bind(env, binder, "baton.ops", OpsProperties.class, constraints);
    if (problems.size() == before && run != null) {
      ok(
          Area.CONFIG,
          "workdir "
              + run.workdir().toAbsolutePath().normalize()
              + ", engine "
              + run.engine().name().toLowerCase(Locale.ROOT));
    }
    if (run != null) {
      workdir(env, run);
    }
    AgentRoster roster = agents != null && tmux != null ? roster(env, agents, tmux, scope) : null;
    setup = new Setup(run, agents, tmux, roster);
    if (roster != null && tmux != null && scope.panes()) {
      tmux(env, roster, agents, tmux, scope == Scope.START ? resumed(run) : List.of());
    }
    if (run != null && scope.model()) {
      model(run.bpmn().toAbsolutePath().normalize());
    }
    if (run != null && scope.boardRows()) {
      board(run.boardFile());
    }
  }

  private <T> T bind(
      ConfigurableEnvironment env,
      Binder binder,
      String prefix,
      Class<T> type,
      boolean constraints) {
    try {
      BindHandler handler =
          constraints && type.isAnnotationPresent(Validated.class)
              ? validating()
              : BindHandler.DEFAULT;
      return binder.bindOrCreate(prefix, Bindable.of(type), handler);
    } catch (RuntimeException e) {
      problem(Area.CONFIG, Origins.locate(env, ErrorSentences.of(e)), e);
      return null;
    }
  }

  private static <T> T unchecked(Binder binder, Class<T> type) {
    try {
      return binder.bindOrCreate("baton", Bindable.of(type));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static BindHandler validating() {
    ValidatorFactory factory = Validation.byDefaultProvider().configure().buildValidatorFactory();
    return new ValidationBindHandler(new SpringValidatorAdapter(factory.getValidator()));
  }

  /**
   * The workdir and the board's folder exist and Baton can create files there (the board is
   * replaced by rename).
   */
  private void workdir(ConfigurableEnvironment env, RunProperties run) {
    Path workdir = run.workdir().toAbsolutePath().normalize();
    String where = Origins.of(env, "baton.workdir").map(w -> w + ": ").orElse("");
    int before = problems.size();
    Set<Path> folders = new LinkedHashSet<>(List.of(workdir));
    Path boardFolder = run.boardFile().getParent();
    if (boardFolder != null) {
      folders.add(boardFolder);
    }
    for (Path folder : folders) {
      String key = folder.equals(workdir) ? "baton.workdir" : "baton.board";
      String at =
          folder.equals(workdir)
              ? where
              : Origins.of(env, "baton.board").map(w -> w + ": ").orElse("");
      if (!Files.exists(folder)) {
        problem(
            Area.WORKDIR,
            at
                + key
                + ": the folder "
                + folder
                + " does not exist; create it or point "
                + key
                + " at the project");
      } else if (!Files.isDirectory(folder)) {
        problem(Area.WORKDIR, at + key + ": " + folder + " is not a folder");
      } else {
        try {
          Files.delete(Files.createTempFile(folder, ".baton-check-", ".tmp"));
        } catch (IOException | SecurityException e) {
          problem(
              Area.WORKDIR,
              at
                  + key
                  + ": Baton cannot create files in "
                  + folder
                  + " ("
                  + why(e)
                  + "): the board is rewritten there by an atomic rename, make the folder writable");
        }
      }
    }
    Path board = run.boardFile();
    if (Files.exists(board) && (!Files.isRegularFile(board) || !Files.isReadable(board))) {
      problem(Area.WORKDIR, "baton.board: " + board + " cannot be read");
    }
    if (problems.size() == before) {
      ok(Area.WORKDIR, workdir + " can be written");
    }
  }

  private static String why(Exception e) {
    if (e instanceof AccessDeniedException || e instanceof SecurityException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /**
   * The same roster the application builds: every field problem, named by key and file position.
   */
  private AgentRoster roster(
      ConfigurableEnvironment env, AgentsProperties agents, TmuxProperties tmux, Scope scope) {
    AgentRoster roster;
    try {
      roster =
          AgentRoster.from(agents, tmux, CliPatternCatalog.shipped().withOverrides(agents.clis()));
    } catch (RosterException e) {
      e.problems().forEach(p -> problem(Area.AGENTS, Origins.locate(env, p)));
      return null;
    } catch (RuntimeException e) {
      problem(Area.AGENTS, Origins.locate(env, ErrorSentences.of(e)), e);
      return null;
    }
    if (roster.all().isEmpty()) {
      if (scope.needAgents()) {
        problem(
            Area.AGENTS,
            "baton.agents: no agents are configured, so a run would wait for ever; list them (name, window, cli)"
                + " in the --config file, as in examples/baton.yaml");
      } else {
        ok(Area.AGENTS, "none configured (baton.agents)");
      }
      return null;
    }
    ok(
        Area.AGENTS,
        roster.all().size()
            + " ("
            + String.join(", ", roster.all().stream().map(a -> a.name()).toList())
            + ")");
    return roster;
  }

  /** The journaled runs a start would resume. */
  private List<String> resumed(RunProperties run) {
    if (run == null || !run.resume()) {
      return List.of();
    }
    try {
      return new RunJournal(run.workdir(), Clock.systemUTC())
          .unfinished().stream().map(JournalEntry::runId).toList();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  private void tmux(
      ConfigurableEnvironment env,
      AgentRoster roster,
      AgentsProperties agents,
      TmuxProperties tmux,
      List<String> resumed) {
    if (!tmux.verifyOnStart()) {
      ok(Area.TMUX, "not checked (baton.tmux.verify-on-start is false)");
      return;
    }
    try {
      RosterValidator.Findings found =
          new RosterValidator(new TmuxClient(tmux.socket(), tmux.commandTimeout())).check(roster);
      if (found.clean()) {
        ok(Area.TMUX, "every agent's pane exists in session '" + tmux.session() + "'");
      } else if (!resumed.isEmpty() && found.resumableWith(roster.all().size())) {
        ok(
            Area.TMUX,
            found.serverDown() != null
                ? found.serverDown()
                    + "; "
                    + String.join(", ", resumed)
                    + " resumes and fails with its report"
                : found.missing().size()
                    + " agent pane(s) missing; "
                    + String.join(", ", resumed)
                    + " resumes without them");
      } else if (found.serverDown() != null) {
        problem(Area.TMUX, found.serverDown());
      } else {
        for (String p :
            found.errors().isEmpty() ? found.missing() : concat(found.missing(), found.errors())) {
          problem(Area.TMUX, agentOrigin(env, agents, p).map(w -> w + ": " + p).orElse(p));
        }
      }
    } catch (RosterException e) {
      for (String p : e.problems()) {
        problem(Area.TMUX, agentOrigin(env, agents, p).map(w -> w + ": " + p).orElse(p));
      }
    } catch (RuntimeException e) {
      problem(Area.TMUX, ErrorSentences.of(e), e);
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** Where the agent a tmux problem names is configured. */
  private static Optional<String> agentOrigin(
      ConfigurableEnvironment env, AgentsProperties agents, String problem) {
    Matcher m = AGENT_PROBLEM.matcher(problem);
    if (!m.find()) {
      return Optional.empty();
    }
    List<AgentProperties> list = agents.agents();
    for (int i = 0; i < list.size(); i++) {
      if (m.group(1).equalsIgnoreCase(list.get(i).name())) {
        return Origins.of(env, "baton.agents[" + i + "]");
      }
    }
    return Optional.empty();
  }

  /** The model as the deployment loads it, plus the process id runs are started with. */
  private void model(Path file) {
    try {
      ProcessModel model = ProcessModel.load(file);
      String id = model.processId();
      if (!RunLauncher.PROCESS_ID.equals(id)) {
        problem(
            Area.MODEL,
            file
                + ": has no executable process with id '"
                + RunLauncher.PROCESS_ID
                + "' (found '"
                + id
                + "'; baton.bpmn)");
        return;
      }
      ok(Area.MODEL, file.toString());
    } catch (InvalidProcessModelException e) {
      for (InvalidProcessModelException.Problem p : e.problems()) {
        problem(
            Area.MODEL,
            file
                + (p.line() > 0 ? ":" + p.line() : "")
                + ": "
                + (p.elementId() == null ? "" : "element '" + p.elementId() + "': ")
                + ErrorSentences.oneLine(p.message()));
      }
    }
  }

  private void board(Path file) {
    BoardCheck check =
        BoardCheck.of(
            file,
            () -> {
              Board board = new BoardStore(file, clock).read();
              return new BoardCheck.Reading(
                  board.tasks().size(), board.problems().stream().map(Object::toString).toList());
            });
    switch (check.verdict()) {
      case ABSENT -> ok(Area.BOARD, file + " does not exist yet (the first run creates it)");
      case CLEAN -> ok(Area.BOARD, file + ", " + check.tasks() + " tasks");
      case UNSAFE, UNREADABLE -> check.problems().forEach(p -> problem(Area.BOARD, p));
    }
  }

  /**
   * Before the application configures logging, Logback logs everything at DEBUG to the console; the
   * checks' libraries (Hibernate Validator, tmux calls) must not print into lint's report. The
   * application's own start resets this.
   */
  private static void quietLogging() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback
        && logback.getObject(LoggingSystem.class.getName()) == null) {
      logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
    }
  }

  /**
   * snakeyaml names no file: find the config file that does not parse among those the settings
   * load.
   */
  private static String yamlFileWithError(List<String> springArgs) {
    for (String arg : springArgs) {
      Matcher m = CONFIG_LOCATION.matcher(arg);
      if (!m.matches()) {
        continue;
      }
      for (String location : m.group(1).split(",")) {
        Path file = Path.of(location.strip());
        if (!Files.isRegularFile(file)) {
          continue;
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader).forEach(doc -> {});
        } catch (MarkedYAMLException e) {
          return file.toString();
        } catch (IOException | RuntimeException e) {
          // not this one
        }
      }
    }
    return null;
  }
}
