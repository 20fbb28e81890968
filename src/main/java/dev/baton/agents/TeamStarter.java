package dev.baton.agents;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.tmux.Key;
import dev.baton.tmux.PaneInfo;
import dev.baton.tmux.TmuxClient;
import dev.baton.tmux.TmuxException;
import dev.baton.tmux.UnknownTargetException;
import dev.baton.tmux.WindowSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Starts the roster's CLIs in tmux windows and brings them to an idle input ({@code agents up}),
 * and ends the ones it started ({@code agents down}).
 *
 * <p>Fails closed as prompting does: nothing is typed into a CLI unless its screen positively shows
 * what is expected. The one dialog {@code up} answers is a "trust this folder" dialog, and only for
 * an agent whose roster entry says {@code trust-folder: true}; the answer is the option's number
 * ("1", which each CLI's first option, trust, takes), never a blind Enter, and it is printed with
 * the screen it answered. Login, API-key and authorisation screens are never answered: the agent is
 * reported with what to do and how to attach.
 */
public final class TeamStarter {

  /**
   * A dialog line is about trusting the folder (Claude Code, Codex, Gemini CLI, qwen-code
   * wordings).
   */
  private static final Pattern TRUST = Pattern.compile("(?i)\\btrust");

  /**
   * Each CLI's own way out, typed only into an idle input; kinds without one are sent Escape and
   * C-c.
   */
  private static final Map<CliKind, String> EXIT_COMMAND =
      new EnumMap<>(
          Map.of(
              CliKind.CLAUDE, "/exit",
              CliKind.CODEX, "/quit",
              CliKind.GEMINI, "/quit",
              CliKind.QWEN, "/quit",
              CliKind.OPENCODE, "/exit"));

  private static final Duration LOOK_EVERY = Duration.ofMillis(300);

  /** How long a CLI may take to close its trust dialog once answered. */
  private static final Duration TRUST_ANSWER_TAKES = Duration.ofSeconds(3);

  private static final int SCREEN_LINES = 12;

  /** Looks in a row that must show a shell before a CLI counts as ended (about 3 s). */
  private static final int EXITED_LOOKS = 10;

  private final TmuxClient tmux;
  private final StateProbe probe;
  private final PromptSubmitter submitter;
  private final ObjectMapper json;
  private final Clock clock;
  private final Pause pause;

  public TeamStarter(
      TmuxClient tmux,
      StateProbe probe,
      PromptSubmitter submitter,
      ObjectMapper json,
      Clock clock,
      Pause pause) {
    this.tmux = tmux;
    this.probe = probe;
    this.submitter = submitter;
    this.json = json;
    this.clock = clock;
    this.pause = pause;
  }

  /**
   * How one agent ended up.
   *
   * @param ready whether its CLI shows an idle input
   * @param sentence what happened or what the person must do, in one sentence
   */
  public record Outcome(String agent, boolean ready, String sentence) {}

  /**
   * Creates the window of every agent that has a {@code command} and no window yet, then watches
   * every agent's screen until it is idle, needs a person, or {@code timeout} passes.
   *
   * @param settings the entries of the roster, in the same order, for commands, folders and consent
   * @param session the session named by {@code baton.tmux.session}
   * @param workdir the default folder, where the record of what was made is kept
   * @param out one line per state change and per decision
   */
  public List<Outcome> up(
      AgentRoster roster,
      List<AgentProperties> settings,
      String session,
      Path workdir,
      Duration timeout,
      Consumer<String> out) {
    List<Outcome> outcomes = new ArrayList<>();
    List<Agent> watched = new ArrayList<>();
    List<Outcome> refused = start(roster, settings, session, workdir, out);
    for (Agent agent : roster.all()) {
      refused.stream()
          .filter(o -> o.agent().equals(agent.name()))
          .findFirst()
          .ifPresentOrElse(outcomes::add, () -> watched.add(agent));
    }
    Map<String, AgentProperties> byName = new LinkedHashMap<>();
    settings.forEach(s -> byName.put(s.name(), s));
    outcomes.addAll(watch(watched, byName, timeout, out));
    List<String> order = roster.all().stream().map(Agent::name).toList();
    outcomes.sort(java.util.Comparator.comparingInt(o -> order.indexOf(o.agent())));
    return outcomes;
  }

  /**
   * Only the first half of {@link #up}: makes the missing windows and records them, without waiting
   * for the CLIs; for a caller that starts other work meanwhile and types into a pane only once it
   * reads idle anyway.
   *
   * @return the agents that could not be started, each with why
   */
  public List<Outcome> start(
      AgentRoster roster,
      List<AgentProperties> settings,
      String session,
      Path workdir,
      Consumer<String> out) {
    Map<String, AgentProperties> byName = new LinkedHashMap<>();
    settings.forEach(s -> byName.put(s.name(), s));
    List<StartedWindows.Window> made = new ArrayList<>();
    List<Outcome> refusals = new ArrayList<>();
    try {
      for (Agent agent : roster.all()) {
        start(agent, byName.get(agent.name()), session, workdir, made, out)
            .ifPresent(why -> refusals.add(new Outcome(agent.name(), false, why)));
      }
    } finally {
      if (!made.isEmpty()) {
        StartedWindows before =
            StartedWindows.read(workdir, json)
                .orElse(new StartedWindows(tmux.socketName(), session, List.of()));
        before.plus(made).write(workdir, json);
      }
    }
    return refusals;
  }

  /**
   * @return why the agent cannot be started, or empty when its window is there (made now or before)
   */
  private Optional<String> start(
      Agent agent,
      AgentProperties s,
      String session,
      Path workdir,
      List<StartedWindows.Window> made,
      Consumer<String> out) {
    try {
      PaneInfo existing = tmux.paneInfo(agent.target());
      out.accept(
          agent.name()
              + ": window "
              + agent.target()
              + " is already there ("
              + existing.currentCommand()
              + "); left as it is");
      return Optional.empty();
    } catch (UnknownTargetException | dev.baton.tmux.TmuxServerNotRunningException absent) {
      // to be made below
    }
    if (s == null || s.command().isEmpty()) {
      return Optional.of(
          agent.name()
              + " has no window "
              + agent.target()
              + " and no command to start one: give"
              + " its roster entry a command (e.g. [\"claude\"]) or start its CLI there yourself");
    }
    Optional<String> window = windowName(agent, s, session);
    if (window.isEmpty()) {
      return Optional.of(
          agent.name()
              + ": agents up makes one window per agent in session '"
              + session
              + "', named by"
              + " its 'window' setting; "
              + agent.target()
              + " is not such a window");
    }
    Path folder =
        (s.folder() == null ? workdir : workdir.resolve(s.folder())).toAbsolutePath().normalize();
    WindowSpec spec = new WindowSpec(window.get(), folder, s.command(), s.env());
    PaneInfo pane =
        tmux.hasSession(session)
            ? tmux.newWindow(session, spec)
            : tmux.newSession(session, 200, 50, spec);
    // a CLI that exits at once leaves its last screen to read instead of closing the window
    tmux.setWindowOption(pane.paneId(), "remain-on-exit", "on");
    made.add(new StartedWindows.Window(agent.name(), agent.cli(), pane.paneId()));
    // the program's name, not its arguments: a class path or a key in them is no one's business on
    // screen
    out.accept(
        agent.name()
            + ": started "
            + Path.of(s.command().getFirst()).getFileName()
            + " in "
            + session
            + ":"
            + window.get()
            + " ("
            + folder
            + ")");
    return Optional.empty();
  }

  private static Optional<String> windowName(Agent agent, AgentProperties s, String session) {
    if (s.pane() != null
        || s.target() != null
        || s.window() == null
        || s.window().matches("\\d+")) {
      return Optional.empty();
    }
    return agent.target().equals(session + ":" + s.window())
        ? Optional.of(s.window())
        : Optional.empty();
  }

  private List<Outcome> watch(
      List<Agent> agents,
      Map<String, AgentProperties> settings,
      Duration timeout,
      Consumer<String> out) {
    Instant deadline = clock.instant().plus(timeout);
    Map<String, AgentState> last = new LinkedHashMap<>();
    Map<String, Integer> idleLooks = new LinkedHashMap<>();
    Map<String, Integer> exitedLooks = new LinkedHashMap<>();
    Map<String, Outcome> done = new LinkedHashMap<>();
    Map<String, Instant> trustAnswered = new LinkedHashMap<>();
    while (done.size() < agents.size()) {
      for (Agent agent : agents) {
        if (done.containsKey(agent.name())) {
          continue;
        }
        Observation seen = probe.observe(agent);
        if (seen.state() != last.put(agent.name(), seen.state())) {
          out.accept(agent.name() + ": " + seen.state());
        }
        AgentProperties s = settings.get(agent.name());
        switch (seen.state()) {
          case IDLE -> {
            // twice in a row: a CLI still drawing its start-up notices can look idle for one frame
            if (idleLooks.merge(agent.name(), 1, Integer::sum) >= 2) {
              done.put(agent.name(), new Outcome(agent.name(), true, agent.name() + " is ready"));
            }
          }
          case WAITING_FOR_USER -> {
            idleLooks.remove(agent.name());
            boolean consent = isTrustDialog(seen) && s != null && s.trustFolder();
            Instant answered = trustAnswered.get(agent.name());
            if (consent && answered == null) {
              out.accept(
                  agent.name()
                      + ": answering its trust dialog with 1 (trust-folder: true); the screen was:\n"
                      + indent(seen.lastLines(SCREEN_LINES)));
              tmux.sendLiteral(agent.target(), "1");
              trustAnswered.put(agent.name(), clock.instant());
            } else if (!consent || !clock.instant().isBefore(answered.plus(TRUST_ANSWER_TAKES))) {
              done.put(agent.name(), new Outcome(agent.name(), false, needsYou(agent, seen, s)));
            }
          }
          case EXITED, DEAD -> {
            idleLooks.remove(agent.name());
            // a wrapper script shows a shell in the foreground until it starts the CLI: only a dead
            // pane, or a
            // shell that stays, means the CLI ended
            if (seen.state() == AgentState.DEAD
                || exitedLooks.merge(agent.name(), 1, Integer::sum) >= EXITED_LOOKS) {
              done.put(
                  agent.name(),
                  new Outcome(
                      agent.name(),
                      false,
                      agent.name()
                          + "'s CLI ended at start ("
                          + seen.verdict().note()
                          + "); its last lines:\n"
                          + indent(lastLines(agent, seen))));
            }
          }
          case ERROR ->
              done.put(
                  agent.name(),
                  new Outcome(
                      agent.name(),
                      false,
                      agent.name()
                          + " shows an API, network or login error: look at it with "
                          + attach(agent)
                          + "\n"
                          + indent(seen.lastLines(SCREEN_LINES))));
          default -> idleLooks.remove(agent.name());
        }
      }
      if (done.size() < agents.size()) {
        if (!clock.instant().isBefore(deadline)) {
          for (Agent agent : agents) {
            done.putIfAbsent(
                agent.name(),
                new Outcome(
                    agent.name(),
                    false,
                    agent.name()
                        + " showed no idle input within "
                        + timeout.toSeconds()
                        + " s (state "
                        + last.get(agent.name())
                        + "): look at it with "
                        + attach(agent)));
          }
        } else {
          pause.sleep(LOOK_EVERY);
        }
      }
    }
    List<Outcome> ordered = new ArrayList<>();
    agents.forEach(a -> ordered.add(done.get(a.name())));
    return ordered;
  }

  /**
   * A dead pane's observation carries no screen; what the CLI printed before it ended is still in
   * the pane.
   */
  private List<String> lastLines(Agent agent, Observation seen) {
    if (seen.state() != AgentState.DEAD) {
      return seen.lastLines(SCREEN_LINES);
    }
    try {
      // with its history: tmux may write its "Pane is dead" line far below what the program printed
      List<String> shown =
          java.util.Arrays.stream(tmux.capture(agent.target(), 500, false).split("\n"))
              .filter(l -> !l.isBlank())
              .toList();
      return shown.subList(Math.max(0, shown.size() - SCREEN_LINES), shown.size());
    } catch (TmuxException gone) {
      return List.of();
    }
  }

  private static boolean isTrustDialog(Observation seen) {
    return seen.verdict().decided() != null
        && TRUST.matcher(seen.verdict().decided().text()).find();
  }

  private String needsYou(Agent agent, Observation seen, AgentProperties s) {
    String line =
        seen.verdict().decided() == null
            ? "a dialog"
            : "'" + seen.verdict().decided().text().strip() + "'";
    if (isTrustDialog(seen)) {
      return agent.name()
          + " asks whether to trust its folder ("
          + line
          + "): answer it with "
          + attach(agent)
          + (s != null && s.trustFolder()
              ? "; the answer '1' did not close it"
              : ", or set trust-folder: true for it");
    }
    return agent.name()
        + " waits for a person at "
        + line
        + " (a login, key or question Baton never answers): answer"
        + " it with "
        + attach(agent)
        + ", then run agents up again";
  }

  private String attach(Agent agent) {
    return "tmux "
        + (tmux.socketName() == null ? "" : "-L " + tmux.socketName() + " ")
        + "attach -t "
        + agent.target();
  }

  private static String indent(List<String> lines) {
    return String.join("\n", lines.stream().map(l -> "    | " + l).toList());
  }

  /**
   * Ends what {@code up} started in {@code workdir}: each CLI is asked to exit its own way when its
   * input is idle, then sent Escape and C-c twice, then its window is closed. Windows {@code up}
   * did not make are left alone, and so is every other session.
   *
   * @param agents the roster, for each agent's screen patterns
   * @return one line per window
   */
  public List<String> down(AgentRoster agents, Path workdir, Consumer<String> out) {
    Optional<StartedWindows> record = StartedWindows.read(workdir, json);
    if (record.isEmpty()) {
      out.accept(
          "agents up started nothing in "
              + workdir.toAbsolutePath().normalize()
              + "; nothing to end");
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    for (StartedWindows.Window w : record.get().windows()) {
      PaneInfo pane;
      try {
        pane = tmux.paneInfo(w.paneId());
      } catch (UnknownTargetException | dev.baton.tmux.TmuxServerNotRunningException gone) {
        lines.add(w.agent() + ": its window is already closed");
        out.accept(lines.getLast());
        continue;
      }
      Agent agent =
          agents
              .byName(w.agent())
              .map(
                  a ->
                      new Agent(
                          a.name(),
                          w.paneId(),
                          a.cli(),
                          a.lead(),
                          a.label(),
                          a.language(),
                          a.patterns()))
              .orElse(null);
      String how = agent == null || pane.dead() ? "closed" : politely(agent, w.cli());
      try {
        tmux.killWindow(w.paneId());
      } catch (UnknownTargetException closedMeanwhile) {
        // the CLI's exit closed it
      }
      lines.add(w.agent() + ": " + how + ", window closed");
      out.accept(lines.getLast());
    }
    StartedWindows.forget(workdir);
    return lines;
  }

  private String politely(Agent agent, CliKind cli) {
    String command = EXIT_COMMAND.get(cli);
    if (command != null && probe.observe(agent).state().isIdle()) {
      try {
        submitter.submit(agent, command, 0);
        if (endsWithin(agent, Duration.ofSeconds(3))) {
          return "exited on " + command;
        }
      } catch (AgentUnreachableException | TmuxException notTaken) {
        // keys next
      }
    }
    try {
      tmux.sendKey(agent.target(), Key.ESCAPE);
      tmux.sendKey(agent.target(), Key.CTRL_C);
      pause.sleep(Duration.ofMillis(300));
      tmux.sendKey(agent.target(), Key.CTRL_C);
    } catch (TmuxException gone) {
      return "exited";
    }
    return endsWithin(agent, Duration.ofSeconds(2))
        ? "exited on C-c"
        : "still running, ended with its window";
  }

  private boolean endsWithin(Agent agent, Duration wait) {
    Instant deadline = clock.instant().plus(wait);
    while (clock.instant().isBefore(deadline)) {
      AgentState s = probe.observe(agent).state();
      if (s == AgentState.EXITED || s == AgentState.DEAD) {
        return true;
      }
      pause.sleep(Duration.ofMillis(200));
    }
    return false;
  }
}
