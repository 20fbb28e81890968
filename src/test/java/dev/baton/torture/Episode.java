package dev.baton.torture;

import dev.baton.board.StartingBoard;
import dev.baton.sim.SimLauncher;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of Baton under faults: a fresh workdir and board, a private tmux server with simulated
 * agents, one request given to {@code baton run}, faults injected on a seeded schedule while it
 * runs (Baton killed with SIGKILL and started again with {@code serve}, which resumes the run),
 * then the invariants checked against the evidence: the final board, the run journal, REPORT.md,
 * the agents' own logs and what the board witness saw.
 */
final class Episode {

  /** What every episode shares. */
  record Settings(
      List<String> batonLaunch,
      Path root,
      int agents,
      Duration runBound,
      Duration afterTmuxKill,
      java.util.Set<Fault> faults,
      PrintStream out) {}

  /**
   * A fault planned at a time after the run began distributing, or (kill -9) at the n-th journaled
   * prompt. A kill -9 waits until the Baton in place has moved the run on since it started, unless
   * {@code anyTime} (then it may hit a Baton still starting).
   */
  private record Planned(
      Fault fault, long atMillis, int atPrompt, boolean anyTime, long paramSeed) {
    /**
     * The fault's own draws (pauses, which agent, ...), fixed by the plan whatever order faults
     * fire in.
     */
    Random params() {
      return new Random(paramSeed);
    }
  }

  /** Time a run gets on top of its bound for each Baton started again. */
  private static final Duration RESTART_ALLOWANCE = Duration.ofSeconds(60);

  private static final Pattern REPAIRED = Pattern.compile(": repaired [A-Z_]+ ");
  private static final Pattern SUMMARY =
      Pattern.compile("(?m)^- Tasks: (\\d+) of (\\d+) completed");

  private static final String BOARD = StartingBoard.TEXT;

  private final int number;
  private final long seed;
  private final Settings settings;
  private final Tally tally;
  private final PrintStream out;
  private final Random random;
  private final Path workdir;
  private final Path board;
  private final PrivateTmux tmux;
  private final List<String> agents = new ArrayList<>();
  private final List<AgentLogs.Death> deaths = new ArrayList<>();
  private final List<BatonProcess> batons = new ArrayList<>();
  private final List<Violation> found = new ArrayList<>();
  private final ExecutorService boardFaults =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "torture-board-faults");
            t.setDaemon(true);
            return t;
          });
  private final List<Long> panePids = new ArrayList<>();

  /**
   * [read, written] of each racing write: what appeared between was erased before Baton may have
   * read it.
   */
  private final List<Instant[]> racingWrites = new java.util.concurrent.CopyOnWriteArrayList<>();

  private volatile boolean readOnly;
  private boolean tmuxKilled;
  private boolean lenient;
  private int noteCounter;

  Episode(int number, long seed, Settings settings, Tally tally) {
    this.number = number;
    this.seed = seed;
    this.settings = settings;
    this.tally = tally;
    this.out = settings.out();
    this.random = new Random(seed);
    this.workdir = settings.root().resolve("episode-" + number);
    this.board = workdir.resolve("CLAUDE.md");
    this.tmux = new PrivateTmux("baton-torture-" + ProcessHandle.current().pid() + "-" + number);
  }

  /**
   * Runs the episode; its violations are added to the tally. Always leaves no process of its own
   * behind.
   */
  List<Violation> run() {
    try {
      play();
    } catch (RuntimeException e) {
      out.println("  episode " + number + ": harness error: " + e);
      throw e;
    } finally {
      cleanUp();
    }
    found.forEach(tally::violation);
    return found;
  }

  private void play() {
    mkdirs(workdir);
    write(board, BOARD);
    int hostileWanted = number == 1 || random.nextBoolean() ? 2 + random.nextInt(4) : 0;
    List<String> tasks =
        Requests.tasks(
            random,
            8 + random.nextInt(7),
            settings.faults().contains(Fault.HOSTILE_TEXT) ? hostileWanted : 0);
    int hostile = (int) tasks.stream().filter(Requests::isHostile).count();
    Path requestFile = workdir.resolve("request.md");
    write(requestFile, Requests.markdown(tasks));
    startAgents();
    Path config = writeConfig();
    List<Planned> plan = plan(tasks.size());
    out.printf(
        "episode %d (seed %d): %d tasks (%d hostile), %d agents; plan: %s%n",
        number, seed, tasks.size(), hostile, agents.size(), summary(plan));
    tally.fault(Fault.HOSTILE_TEXT, hostile);
    tally.runs++;

    Instant started = Instant.now();
    Instant bound = started.plus(settings.runBound());
    try (BoardWitness witness = new BoardWitness(board, workdir.resolve("REPORT.md"))) {
      List<String> runArgs =
          new ArrayList<>(
              List.of(
                  "--plain",
                  "--config",
                  config.toString(),
                  "--file",
                  requestFile.toString(),
                  "--timeout",
                  "60m"));
      runArgs.addAll(springArgs());
      BatonProcess baton = startBaton("run", runArgs);
      Instant t0 = null;
      int selfExits = 0;
      String ending = null;
      Journal journal = null;
      Instant finishedSeen = null;
      String stampAtStart = "";
      long lastJournalRead = 0;
      while (ending == null) {
        Instant now = Instant.now();
        if (System.nanoTime() - lastJournalRead > 100_000_000L) {
          lastJournalRead = System.nanoTime();
          List<Journal> all = Journal.all(workdir);
          if (!all.isEmpty()) {
            journal = all.getFirst();
          }
        }
        if (t0 == null && journal != null && !journal.taskIds().isEmpty()) {
          t0 = now;
        }
        if (journal != null && journal.finished()) {
          if (witness.report(journal.runId()) != null) {
            ending = "ended " + journal.phase() + " with its report";
            tally.reported++;
            break;
          }
          finishedSeen = finishedSeen == null ? now : finishedSeen;
          if (Duration.between(finishedSeen, now).toSeconds() > 10) {
            violation(
                Invariant.NO_REPORT,
                "run "
                    + journal.runId()
                    + " reached "
                    + journal.phase()
                    + " but REPORT.md never showed its report");
            ending = "ended " + journal.phase() + " without a report";
            break;
          }
        }
        if (!baton.alive()) {
          journal =
              Journal.all(workdir).stream()
                  .findFirst()
                  .orElse(journal); // fresh: it may have just ended
        }
        if (!baton.alive() && (journal == null || !journal.finished())) {
          selfExits++;
          String tail = lastLine(baton.output);
          if (tmuxKilled) {
            violation(
                Invariant.NO_REPORT,
                "Baton ("
                    + baton.mode
                    + ") exited with code "
                    + baton.exitValue()
                    + " after the tmux server was killed, leaving run "
                    + (journal == null
                        ? "(no journal)"
                        : journal.runId() + " in phase " + journal.phase())
                    + " without a report (it said: \""
                    + tail
                    + "\")");
            ending = "ended by Baton's exit after the tmux server was killed";
            break;
          }
          if (selfExits > 2) {
            violation(
                Invariant.NO_REPORT,
                "Baton ("
                    + baton.mode
                    + ") exited by itself with code "
                    + baton.exitValue()
                    + " three times before the run ended; last output: "
                    + tail);
            ending = "Baton kept exiting";
            break;
          }
          String said = lastLine(baton.output);
          if (said.contains("do not match tmux") && !lenient) {
            lenient = true;
            tally.restartRefused = true;
            violation(
                Invariant.NO_REPORT,
                "Baton started again after a kill -9 refused to start while an agent's"
                    + " pane was dead, so the run could not resume (it said: \""
                    + said
                    + "\"); restarted with"
                    + " baton.tmux.verify-on-start=false to go on");
          } else {
            out.printf(
                "  episode %d: Baton (%s) exited by itself with code %d before the run ended; started"
                    + " again (output: %s)%n",
                number, baton.mode, baton.exitValue(), tail);
          }
          baton = restart(journal, runArgs);
          stampAtStart = stamp(journal);
          bound = tmuxKilled ? bound : bound.plus(RESTART_ALLOWANCE);
        }
        if (now.isAfter(bound)) {
          violation(
              Invariant.NO_REPORT,
              "run "
                  + (journal == null
                      ? "(no journal)"
                      : journal.runId() + " in phase " + journal.phase())
                  + " ended without report: nothing within "
                  + Duration.between(started, now).toSeconds()
                  + " s"
                  + (tmuxKilled ? " (after the tmux server was killed)" : ""));
          ending = "timed out";
          break;
        }
        if (t0 != null && !plan.isEmpty()) {
          long since = Duration.between(t0, now).toMillis();
          int prompts = journal == null ? 0 : journal.prompts().size();
          boolean live = !stamp(journal).equals(stampAtStart);
          List<Planned> due =
              plan.stream()
                  .filter(p -> p.atPrompt() >= 0 ? prompts >= p.atPrompt() : since >= p.atMillis())
                  .filter(p -> p.fault() != Fault.KILL_BATON || live || p.anyTime())
                  .toList();
          for (Planned p : due) {
            plan.remove(p);
            if (p.fault() == Fault.KILL_BATON) {
              if ((journal != null && journal.finished()) || tmuxKilled) {
                continue; // nothing to resume, or nothing a restart could reach
              }
              if (!baton.alive()) {
                plan.add(
                    p); // exited by itself just now: restarted above on the next turn, killed after
                continue;
              }
              baton.kill9();
              tally.fault(Fault.KILL_BATON);
              note(
                  "kill-9: Baton "
                      + baton.mode
                      + " pid "
                      + baton.pid()
                      + " at "
                      + prompts
                      + " journaled prompts");
              out.printf(
                  "  episode %d: kill -9 Baton (pid %d) at %d journaled prompts, %d ms into the run%n",
                  number, baton.pid(), prompts, since);
              sleep(200 + p.params().nextInt(1800));
              journal = Journal.all(workdir).stream().findFirst().orElse(null);
              baton = restart(journal, runArgs);
              stampAtStart = stamp(journal);
              tally.restarts++;
              bound = bound.plus(RESTART_ALLOWANCE); // a JVM start and a resume
              break; // what else is due waits for the next turn (a second kill waits for this Baton
              // to work)
            } else {
              inject(p.fault(), p.params());
              if (p.fault() == Fault.KILL_TMUX) {
                Instant sooner = Instant.now().plus(settings.afterTmuxKill());
                bound = sooner.isBefore(bound) ? sooner : bound;
              }
            }
          }
        }
        sleep(50);
      }
      out.printf(
          "  episode %d: run %s after %d s%n",
          number, ending, Duration.between(started, Instant.now()).toSeconds());
      finish(baton, witness, ending.startsWith("ended"));
    }
  }

  /** Stops Baton and the agents, takes the final board, and checks every invariant. */
  private void finish(BatonProcess baton, BoardWitness witness, boolean ended) {
    boardFaults.shutdown();
    try {
      boardFaults.awaitTermination(15, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    makeWritable();
    if (!ended) {
      baton.kill9();
    } else if (baton.mode.equals("run")) {
      if (!baton.waitFor(20)) {
        baton.kill9();
      }
    } else {
      baton.stop(20);
    }
    witness.look();
    sleep(500);
    endAgents();
    witness.look();
    witness.close();

    String finalText = read(board);
    BoardText last = BoardText.parse(finalText == null ? "" : finalText);
    List<Journal> journals = Journal.all(workdir);
    Map<String, Path> logs = new LinkedHashMap<>();
    Map<String, Path> histories = new LinkedHashMap<>();
    for (String a : agents) {
      logs.put(a, workdir.resolve("sim-" + a + ".log"));
      histories.put(a, workdir.resolve("history-" + a + ".log"));
    }
    AgentLogs.Findings f = AgentLogs.read(logs, histories).check(deaths, witness);
    tally.promptsReceived += f.prompts();
    tally.completedSeen += witness.completedFirstSeen().size();
    tally.logLinesSeen += witness.logFirstSeen().size();
    int repairs = 0;
    for (BatonProcess b : batons) {
      Matcher m = REPAIRED.matcher(Optional.ofNullable(read(b.output)).orElse(""));
      while (m.find()) {
        repairs++;
      }
    }
    tally.repairs += repairs;

    List<String> runIds = new ArrayList<>();
    for (Journal j : journals) {
      runIds.add(j.runId());
      tally.promptsJournaled += j.prompts().size();
      checkLosses(j, witness, last);
      checkRowsReadable(j, witness, last, finalText);
      checkReport(j, witness, last);
      for (String id : j.allTaskIds()) {
        int received = f.promptsPerTask().getOrDefault(id, 0);
        if (received > j.promptsFor(id)) {
          violation(
              Invariant.TYPED_TWICE,
              id
                  + ": the agents received "
                  + received
                  + " prompt(s), the journal of "
                  + j.runId()
                  + " records "
                  + j.promptsFor(id)
                  + " (a prompt typed without its record)");
        }
      }
    }
    if (journals.isEmpty()) {
      violation(Invariant.NO_REPORT, "no run journal was ever written in " + workdir);
    }
    for (var e : witness.logFirstSeen().entrySet()) {
      if (!last.log().contains(e.getKey())) {
        violation(
            Invariant.LOG_LINE_LOST,
            "log line "
                + e.getKey()
                + " (first seen "
                + e.getValue()
                + ") is not on the final board"
                + racedBy(e.getValue()));
      }
    }
    checkBoardWhole(witness, last, finalText);
    f.twoAgentsAtOnce().forEach(s -> violation(Invariant.TWO_AGENTS, s));
    f.typedIntoBusyAgent().forEach(s -> violation(Invariant.TYPED_TWICE, s));
    f.promptForCompletedTask().forEach(s -> violation(Invariant.TYPED_TWICE, s));
    f.controlCharacters().forEach(s -> violation(Invariant.CONTROL_CHARS, s));
    out.printf(
        "  episode %d: runs %s, %d prompts received, %d repairs seen, %d COMPLETED and %d log lines seen,"
            + " %d violation(s)%n",
        number,
        runIds,
        f.prompts(),
        repairs,
        witness.completedFirstSeen().size(),
        witness.logFirstSeen().size(),
        found.size());
  }

  /**
   * A note when what was lost first appeared inside a racing write's window (a race Baton may never
   * have seen).
   */
  private String racedBy(Instant firstSeen) {
    for (Instant[] w : racingWrites) {
      if (!firstSeen.isBefore(w[0]) && !firstSeen.isAfter(w[1].plusMillis(150))) {
        return " (it appeared while a racing whole-file write read at "
            + w[0]
            + " was pending, written at "
            + w[1]
            + ": erased within ms, Baton may never have read it; nothing could re-prompt it if its agent or tmux"
            + " was gone)";
      }
    }
    return "";
  }

  private void checkLosses(Journal j, BoardWitness witness, BoardText last) {
    Map<String, Instant> completed = witness.completedFirstSeen();
    for (String id : j.allTaskIds()) {
      Instant seen = completed.get(id);
      String now = last.statuses().get(id);
      if (seen != null && !"COMPLETED".equals(now)) {
        violation(
            Invariant.COMPLETED_LOST,
            id
                + " was COMPLETED on the board at "
                + seen
                + ", the final board says "
                + (now == null ? "nothing (row missing)" : now)
                + racedBy(seen));
      }
    }
  }

  private void checkBoardWhole(BoardWitness witness, BoardText last, String finalText) {
    if (!last.hasQueue() || !last.hasLog()) {
      violation(
          Invariant.BOARD_DAMAGED,
          "the final board has lost its "
              + (!last.hasQueue() ? "Task Assignment Queue" : "Task Completion Log")
              + " section ("
              + (finalText == null ? 0 : finalText.length())
              + " chars, ends with: "
              + tailOf(finalText)
              + ")");
    }
    for (var e : witness.firstTaskText().entrySet()) {
      String now = last.tasks().get(e.getKey());
      if (now == null) {
        violation(
            Invariant.BOARD_DAMAGED,
            "row " + e.getKey() + " (" + e.getValue() + ") is missing from the final board");
      } else if (!now.equals(e.getValue())) {
        violation(
            Invariant.BOARD_DAMAGED,
            "row "
                + e.getKey()
                + " was damaged: it was "
                + e.getValue()
                + ", the final board has "
                + now);
      }
    }
  }

  private static String tailOf(String text) {
    if (text == null) {
      return "(no file)";
    }
    String t = text.length() > 80 ? text.substring(text.length() - 80) : text;
    return "'" + t.replace("\n", "⏎") + "'";
  }

  /**
   * Every task of the run has a row a reader can take apart; a row split by a stray pipe is as good
   * as lost.
   */
  private void checkRowsReadable(
      Journal j, BoardWitness witness, BoardText last, String finalText) {
    for (String id : j.allTaskIds()) {
      if (!last.statuses().containsKey(id)
          && !witness.firstTaskText().containsKey(id)) { // else reported as lost
        String line =
            finalText == null
                ? null
                : finalText
                    .lines()
                    .filter(l -> l.strip().startsWith("| " + id + " "))
                    .findFirst()
                    .orElse(null);
        violation(
            Invariant.BOARD_DAMAGED,
            "task "
                + id
                + " of "
                + j.runId()
                + " has no readable queue row on the"
                + " final board"
                + (line == null
                    ? ""
                    : ": its line does not split into the table's columns: " + line));
      }
    }
  }

  private void checkReport(Journal j, BoardWitness witness, BoardText last) {
    String report = witness.report(j.runId());
    if (report == null) {
      if (j.finished()) {
        violation(
            Invariant.NO_REPORT,
            "run " + j.runId() + " is " + j.phase() + " but no REPORT.md for it");
      }
      return;
    }
    Map<String, String> rows = new LinkedHashMap<>();
    boolean inTasks = false;
    for (String line : report.split("\n")) {
      if (line.startsWith("## ")) {
        inTasks = line.startsWith("## Tasks");
        continue;
      }
      if (inTasks && line.startsWith("| T-")) {
        List<String> cells = BoardText.cells(line.strip());
        if (cells.size() >= 4) {
          rows.put(cells.get(0), cells.get(3));
        }
      }
    }
    long completedOnBoard =
        j.taskIds().stream().filter(id -> "COMPLETED".equals(last.statuses().get(id))).count();
    Matcher m = SUMMARY.matcher(report);
    if (!m.find()) {
      violation(
          Invariant.REPORT_MISMATCH,
          j.runId() + ": the report has no 'Tasks: X of Y completed' line");
    } else {
      long x = Long.parseLong(m.group(1));
      long y = Long.parseLong(m.group(2));
      if (x != completedOnBoard || y != j.taskIds().size()) {
        violation(
            Invariant.REPORT_MISMATCH,
            j.runId()
                + ": the report says "
                + x
                + " of "
                + y
                + " completed, the final board has "
                + completedOnBoard
                + " of the journal's "
                + j.taskIds().size()
                + " tasks COMPLETED");
      }
    }
    for (String id : j.taskIds()) {
      String inReport = rows.get(id);
      String onBoard = last.statuses().get(id);
      if (inReport == null) {
        violation(
            Invariant.REPORT_MISMATCH,
            j.runId()
                + ": "
                + id
                + " ("
                + onBoard
                + " on the board) is missing from the report's task table");
      } else if (!inReport.equals(onBoard)) {
        violation(
            Invariant.REPORT_MISMATCH,
            j.runId()
                + ": "
                + id
                + " is "
                + inReport
                + " in the report, "
                + onBoard
                + " on the final board");
      }
    }
  }

  // ------------------------------------------------------------------ setup

  private void startAgents() {
    SimLauncher launcher = SimLauncher.fromCurrentJvm();
    int swallow = random.nextInt(settings.agents());
    int rateLimited = random.nextBoolean() ? random.nextInt(settings.agents()) : -1;
    for (int i = 0; i < settings.agents(); i++) {
      String name = "A" + (i + 1);
      List<String> options =
          new ArrayList<>(
              List.of(
                  "--work",
                  "700ms..3s",
                  "--seed",
                  Long.toString(seed * 31 + i),
                  "--log",
                  workdir.resolve("sim-" + name + ".log").toString(),
                  "--history",
                  workdir.resolve("history-" + name + ".log").toString()));
      if (i == swallow) {
        options.add("--swallow-first-enter");
      }
      if (i == rateLimited) {
        options.add("--rate-limit-once");
      }
      tmux.newWindow(i == 0, name, launcher.command(name, board, options), workdir.toString());
      agents.add(name);
    }
    panePids.addAll(tmux.panePids());
  }

  private Path writeConfig() {
    StringBuilder y = new StringBuilder();
    y.append("baton:\n");
    y.append("  workdir: ").append(workdir).append('\n');
    y.append("  board: CLAUDE.md\n");
    y.append("  poll-interval: 3s\n");
    y.append("  inactive-polls: 2\n");
    y.append("  cooldown: 20s\n");
    y.append("  engine-port: 0\n");
    y.append("  tmux:\n");
    y.append("    socket: ").append(tmux.socket).append('\n');
    y.append("    session: ").append(tmux.session).append('\n');
    y.append("    submit-delay: 150ms\n");
    y.append("  agents:\n");
    for (int i = 0; i < agents.size(); i++) {
      y.append("    - { name: ")
          .append(agents.get(i))
          .append(", window: ")
          .append(agents.get(i))
          .append(", label: w")
          .append(i + 1)
          .append(", cli: simulated, lead: ")
          .append(i == 0)
          .append(" }\n");
    }
    Path config = workdir.resolve("baton.yaml");
    write(config, y.toString());
    return config;
  }

  private static List<String> springArgs() {
    return List.of("--logging.level.dev.baton.board.BoardStore=INFO", "--server.port=0");
  }

  private BatonProcess startBaton(String mode, List<String> args) {
    Path output = workdir.resolve("baton-" + (batons.size() + 1) + "-" + mode + ".out");
    note("start: Baton " + mode + " (output in " + output.getFileName() + ")");
    BatonProcess b = BatonProcess.start(settings.batonLaunch(), mode, args, output, workdir);
    batons.add(b);
    return b;
  }

  /**
   * After a kill: {@code serve} resumes the journaled run; with no journal yet, the request is run
   * again.
   */
  private BatonProcess restart(Journal journal, List<String> runArgs) {
    if (journal == null) {
      return startBaton("run", runArgs);
    }
    List<String> args = new ArrayList<>(List.of("--config", runArgs.get(2)));
    args.addAll(springArgs());
    if (lenient || (tally.restartRefused && !deaths.isEmpty())) {
      // once seen refused (reported in that episode), later restarts with a dead pane skip the same
      // refusal
      args.add("--baton.tmux.verify-on-start=false");
    }
    return startBaton("serve", args);
  }

  private List<Planned> plan(int tasks) {
    List<Planned> plan = new ArrayList<>();
    int span = 35_000;
    for (int i = 0, n = 2 + random.nextInt(6); i < n; i++) {
      plan.add(timed(Fault.RACING_WRITE, random.nextInt(span)));
    }
    for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
      plan.add(timed(Fault.HALF_WRITE, random.nextInt(span)));
    }
    if (random.nextInt(10) < 7 || number == 1) {
      plan.add(timed(Fault.READ_ONLY, random.nextInt(span)));
    }
    for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
      plan.add(timed(Fault.DEAD_PANE, 2000 + random.nextInt(span - 2000)));
    }
    for (int i = 0, n = random.nextInt(10) < 3 ? 2 : 1; i < n; i++) {
      plan.add(
          random.nextBoolean()
              ? new Planned(
                  Fault.KILL_BATON,
                  -1,
                  1 + random.nextInt(tasks + tasks / 2),
                  random.nextInt(4) == 0,
                  random.nextLong())
              : new Planned(
                  Fault.KILL_BATON,
                  random.nextInt(span),
                  -1,
                  random.nextInt(4) == 0,
                  random.nextLong()));
    }
    if (number % 3 == 2) {
      plan.add(timed(Fault.KILL_TMUX, 8000 + random.nextInt(20_000)));
    }
    plan.removeIf(p -> !settings.faults().contains(p.fault()));
    plan.sort(Comparator.comparingLong(p -> p.atPrompt() >= 0 ? -1 : p.atMillis()));
    return plan;
  }

  private Planned timed(Fault fault, long atMillis) {
    return new Planned(fault, atMillis, -1, false, random.nextLong());
  }

  /** What shows that a Baton is at work on the run: its journal's prompts and phase. */
  private static String stamp(Journal journal) {
    return journal == null ? "" : journal.prompts().size() + "/" + journal.phase();
  }

  private static String summary(List<Planned> plan) {
    Map<Fault, Integer> n = new LinkedHashMap<>();
    plan.forEach(p -> n.merge(p.fault(), 1, Integer::sum));
    StringBuilder s = new StringBuilder();
    n.forEach(
        (f, c) ->
            s.append(s.isEmpty() ? "" : ", ")
                .append(f.name().toLowerCase().replace('_', '-'))
                .append('×')
                .append(c));
    for (Planned p : plan) {
      if (p.fault() == Fault.KILL_BATON) {
        s.append(
                p.atPrompt() >= 0
                    ? "; kill -9 at prompt " + p.atPrompt()
                    : "; kill -9 at " + p.atMillis() + " ms")
            .append(p.anyTime() ? " (even mid-start)" : "");
      }
    }
    return s.toString();
  }

  // ------------------------------------------------------------------ faults

  private void inject(Fault fault, Random r) {
    switch (fault) {
      case RACING_WRITE -> {
        int delay = 20 + r.nextInt(400);
        int note = ++noteCounter;
        boardFaults.execute(() -> racingWrite(delay, note));
      }
      case HALF_WRITE -> {
        int pause =
            150 + r.nextInt(200); // the simulated agents wait ~300 ms for a missing row, then write
        double cut = 0.2 + r.nextDouble() * 0.7;
        int note = ++noteCounter;
        boardFaults.execute(() -> halfWrite(cut, pause, note));
      }
      case READ_ONLY -> {
        int hold = 1500 + r.nextInt(2500);
        boardFaults.execute(() -> readOnlyFor(hold));
      }
      case DEAD_PANE -> deadPane(r);
      case KILL_TMUX -> {
        if (!tmuxKilled) {
          tmux.killServer();
          tmuxKilled = true;
          Instant now = Instant.now();
          agents.forEach(a -> deaths.add(new AgentLogs.Death(now, a, true)));
          tally.fault(Fault.KILL_TMUX);
          note("kill-tmux: tmux -L " + tmux.socket + " kill-server");
          out.printf("  episode %d: tmux server %s killed%n", number, tmux.socket);
        }
      }
      default -> throw new IllegalArgumentException(fault.name());
    }
  }

  /**
   * Like an agent: read the whole file, think, write the whole file back in place (erasing what
   * came between).
   */
  private void racingWrite(int delayMillis, int note) {
    String before = read(board);
    if (!wholeBoard(before)) {
      return;
    }
    Instant readAt = Instant.now();
    sleep(delayMillis);
    try {
      String now = read(board);
      Files.writeString(board, withNote(before, note), StandardCharsets.UTF_8);
      racingWrites.add(new Instant[] {readAt, Instant.now()});
      tally.fault(Fault.RACING_WRITE);
      note(
          "racing-write: board read at "
              + readAt
              + ", written back "
              + delayMillis
              + " ms later"
              + (before.equals(now)
                  ? " (nothing had changed)"
                  : " over a board changed meanwhile ("
                      + before.length()
                      + " → "
                      + (now == null ? 0 : now.length())
                      + " chars)"));
    } catch (IOException e) {
      // read-only just then: an agent would retry later; this one gives up
    }
  }

  /** Like an agent's slow in-place rewrite: truncate, write part, pause, write the rest. */
  private void halfWrite(double cutAt, int pauseMillis, int note) {
    String before = read(board);
    if (!wholeBoard(before)) {
      return;
    }
    byte[] bytes = withNote(before, note).getBytes(StandardCharsets.UTF_8);
    int cut = (int) (bytes.length * cutAt);
    while (cut < bytes.length - 1 && (bytes[cut - 1] == '\n' || bytes[cut] == '\n')) {
      cut++; // mid-row, not on a line boundary
    }
    Object inode = inode();
    try (FileChannel ch =
        FileChannel.open(board, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(ByteBuffer.wrap(bytes, 0, cut));
      Instant cutAt2 = Instant.now();
      sleep(pauseMillis);
      Object during = inode();
      ch.write(ByteBuffer.wrap(bytes, cut, bytes.length - cut));
      tally.fault(Fault.HALF_WRITE);
      String head = new String(bytes, 0, cut, StandardCharsets.UTF_8);
      boolean replaced = !java.util.Objects.equals(inode, during);
      // Replaced during the pause: the rest went to the old file. That is only a loss if Baton did
      // not take the
      // agent's finished write from the old file and re-apply its own change onto it (its note line
      // shows it did).
      boolean carriedOver =
          replaced && awaitBoardContains("Team note " + note + ":", Duration.ofSeconds(4));
      if (replaced && !carriedOver) {
        violation(
            Invariant.WROTE_OVER_HALF,
            "the board was replaced (a rename over it) "
                + pauseMillis
                + " ms into an agent-like write paused after "
                + cut
                + " of "
                + bytes.length
                + " bytes at "
                + cutAt2
                + ", and the agent's finished write never reached the board: the rest of the agent's file was lost");
      }
      note(
          "half-write: truncated at "
              + cutAt2
              + ", wrote "
              + cut
              + " of "
              + bytes.length
              + " bytes (cut after '"
              + head.substring(head.lastIndexOf('\n') + 1)
              + "'), paused "
              + pauseMillis
              + " ms, wrote the rest"
              + (!replaced
                  ? ""
                  : carriedOver
                      ? "; the board file was replaced during the pause (rename over it) and Baton re-applied its change"
                          + " onto the agent's finished write"
                      : "; the board file was REPLACED during the pause (rename over it), so the rest went to the old"
                          + " file and the board kept what was written over the cut"));
    } catch (IOException e) {
      // read-only just then
    }
  }

  private void readOnlyFor(int holdMillis) {
    readOnly = true;
    if (!setImmutable(true)) {
      makeWritable();
      return;
    }
    tally.fault(Fault.READ_ONLY);
    note("read-only: board made read-only for " + holdMillis + " ms");
    try {
      sleep(holdMillis);
    } finally {
      makeWritable();
      note("read-only: board writable again");
    }
  }

  /** chmod for ordinary users; chattr +i as well, since root ignores file modes. */
  private boolean setImmutable(boolean on) {
    boolean ok = board.toFile().setWritable(!on, false);
    if (isRoot()) {
      ok = command("chattr", on ? "+i" : "-i", board.toString()) && ok;
    }
    return ok;
  }

  private void makeWritable() {
    if (readOnly) {
      setImmutable(false);
      readOnly = false;
    }
  }

  private void deadPane(Random r) {
    if (tmuxKilled) {
      return;
    }
    List<String> alive = new ArrayList<>(agents);
    deaths.forEach(d -> alive.remove(d.agent()));
    if (alive.size() <= settings.agents() / 2) {
      return;
    }
    String agent = alive.get(r.nextInt(alive.size()));
    Optional<Long> pid = tmux.panePid(agent);
    if (pid.isEmpty()) {
      return;
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(pid.get());
    if (handle.isEmpty()
        || !panePids.contains(pid.get())
        || !handle.get().info().commandLine().orElse("").contains("SimulatedAgent")) {
      return; // not a simulator this harness started: leave it alone
    }
    boolean keepPane = r.nextBoolean();
    if (keepPane) {
      tmux.run("set-option", "-w", "-t", tmux.session + ":" + agent, "remain-on-exit", "on");
    }
    // dead from the signal on: Baton may see the dead pane and reassign before the exit is reported
    // back here
    Instant killedAt = Instant.now();
    handle.get().destroyForcibly();
    handle.get().onExit().completeOnTimeout(handle.get(), 5, TimeUnit.SECONDS).join();
    deaths.add(new AgentLogs.Death(killedAt, agent, true));
    tally.fault(Fault.DEAD_PANE);
    note(
        "dead-pane: "
            + agent
            + " (pid "
            + pid.get()
            + ") killed, pane "
            + (keepPane ? "left dead" : "closed"));
    out.printf(
        "  episode %d: agent %s killed (pane %s)%n",
        number, agent, keepPane ? "left dead" : "closed");
  }

  // ------------------------------------------------------------------ clean-up

  private void endAgents() {
    if (!tmuxKilled) {
      Instant now = Instant.now();
      agents.forEach(a -> deaths.add(new AgentLogs.Death(now, a, false)));
    }
    tmux.killServer();
    tmuxKilled = true;
    for (long pid : panePids) {
      ProcessHandle.of(pid)
          .ifPresent(
              h -> {
                h.destroyForcibly();
                h.onExit().completeOnTimeout(h, 5, TimeUnit.SECONDS).join();
              });
    }
  }

  /** Ends everything this episode started (the harness is being stopped). */
  void abort() {
    cleanUp();
  }

  /**
   * Whatever happened: no Baton, no agent, no tmux server of this episode left, the board writable
   * again.
   */
  private void cleanUp() {
    boardFaults.shutdownNow();
    makeWritable();
    for (BatonProcess b : batons) {
      if (b.alive()) {
        b.kill9();
      }
    }
    endAgents();
  }

  /** Removes the workdir (kept when something broke, as evidence). */
  void delete() {
    if (!Files.exists(workdir)) {
      return;
    }
    try (var files = Files.walk(workdir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // left for the user
    }
  }

  Path workdir() {
    return workdir;
  }

  // ------------------------------------------------------------------ helpers

  private synchronized void violation(Invariant invariant, String detail) {
    String shown = detail.replaceAll("(very ){8,}", "very … ");
    shown =
        shown.length() > 700
            ? shown.substring(0, 350) + " … " + shown.substring(shown.length() - 300)
            : shown;
    found.add(new Violation(invariant, number, seed, shown));
  }

  private static boolean wholeBoard(String text) {
    return text != null
        && text.contains("## Task Assignment Queue")
        && text.contains("## Task Completion Log")
        && text.endsWith("\n");
  }

  private boolean awaitBoardContains(String text, Duration limit) {
    Instant end = Instant.now().plus(limit);
    while (Instant.now().isBefore(end)) {
      String now = read(board);
      if (now != null && now.contains(text)) {
        return true;
      }
      sleep(50);
    }
    return false;
  }

  private static String withNote(String text, int note) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    String line = "Team note " + note + ": keep the board tidy.";
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("Team note ")) {
        lines.set(i, line);
        return String.join("\n", lines);
      }
    }
    lines.add(1, line);
    return String.join("\n", lines);
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static boolean command(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The harness's own log of what it did when, beside the evidence. */
  private synchronized void note(String line) {
    try {
      Files.writeString(
          workdir.resolve("faults.log"),
          Instant.now() + " " + line + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      // evidence only
    }
  }

  private Object inode() {
    try {
      return Files.getAttribute(board, "unix:ino");
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return null;
    }
  }

  private static String lastLine(Path file) {
    String text = read(file);
    if (text == null) {
      return "";
    }
    List<String> all = text.lines().filter(l -> !l.isBlank()).toList();
    return all.isEmpty() ? "" : all.getLast().strip();
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void mkdirs(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
