package dev.baton.sim;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in coding-agent CLI for the demo and the tests, run in a tmux window. It behaves like a
 * terminal program (raw keys, its own echo, an input line, a spinner while busy, bracketed paste)
 * and follows the prompt protocol by editing the board file itself, optionally misbehaving in the
 * ways real CLIs do. Only JDK classes: it must start fast and several run at once.
 *
 * <p>Usage: {@code java -cp <classpath> dev.baton.sim.SimulatedAgent --name AMP --board
 * /path/CLAUDE.md [--work 2s..5s] [--seed N] [--log file] [--history file] [--swallow-first-enter]
 * [--silent] [--hang] [--rate-limit-once] [--fail-technical-once] [--test-command CMD]
 * [--fix-command CMD] [--trust-dialog] [--ignore-escape] [--look simulated|amp] [--usage-limit
 * 'resets 3pm'] [--claude-hooks] [--forget-board-once] [--keep-conflicts] [--stall-once 12s]}
 */
public final class SimulatedAgent {

  private static final Pattern TASK_ID = Pattern.compile("T-\\d{3,}");
  private static final Pattern TEST_PROMPT =
      Pattern.compile("T-\\d{3,}\\s*\\((tests?)\\)", Pattern.CASE_INSENSITIVE);
  private static final Pattern FIX_PROMPT =
      Pattern.compile("T-\\d{3,}\\s*\\((correction|fix)\\)", Pattern.CASE_INSENSITIVE);

  /** A resolve prompt of worktree isolation: "T-001 (merge)" / "T-001 (fusion)". */
  private static final Pattern RESOLVE_PROMPT =
      Pattern.compile("T-\\d{3,}\\s*\\((merge|fusion)\\)", Pattern.CASE_INSENSITIVE);

  /** The folder a worktree prompt names; the agent works there instead of beside the board. */
  private static final Pattern WORKTREE_FOLDER =
      Pattern.compile("(/[^\\s;,()]*/\\.baton/worktrees/[^\\s;,()]+)");

  /**
   * In a task's text, {@code file:NAME} makes the agent write NAME in its folder (one line naming
   * task and agent).
   */
  private static final Pattern FILE_DIRECTIVE =
      Pattern.compile("file:([A-Za-z0-9._][A-Za-z0-9._/-]*)");

  private static final String SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";
  private static final Duration DOUBLE_CTRL_C = Duration.ofMillis(2500);

  private enum Mode {
    DIALOG,
    IDLE,
    BUSY
  }

  private final SimOptions options;
  private final PrintStream out;
  private final Random random;
  private final BoardEditor editor = new BoardEditor();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  // all fields below are guarded by "this"
  private final StringBuilder input = new StringBuilder();
  private final Deque<String> transcript = new ArrayDeque<>();
  private Mode mode;
  private boolean inPaste;
  private boolean enterSwallowed;
  private String currentTask;
  private Instant busySince;
  private String notice = "";
  private Instant lastCtrlC = Instant.EPOCH;
  private int generation;
  private boolean rateLimitSpent;
  private boolean failureSpent;
  private boolean forgetSpent;
  private ScheduledFuture<?> work;
  private int rows = 40;
  private int cols = 120;
  private volatile boolean running = true;
  private String lastFrame = "";

  SimulatedAgent(SimOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
    this.random = new Random(options.seed());
    this.mode = options.trustDialog() ? Mode.DIALOG : Mode.IDLE;
  }

  public static void main(String[] args) throws Exception {
    SimOptions options;
    try {
      options = SimOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("SimulatedAgent: " + e.getMessage());
      System.exit(2);
      return;
    }
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    Terminal terminal = Terminal.raw();
    SimulatedAgent agent = new SimulatedAgent(options, out);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  out.print("\u001b[?2004l\u001b[?25h");
                  out.flush();
                  terminal.restore();
                }));
    int[] size = terminal.size();
    agent.run(size[0], size[1]);
    System.exit(0);
  }

  void run(int screenRows, int screenCols) throws InterruptedException {
    synchronized (this) {
      rows = Math.max(12, screenRows);
      cols = Math.max(40, screenCols);
    }
    log("START name=" + options.name() + " board=" + options.board());
    out.print("\u001b[?2004h\u001b[?25l\u001b[2J");
    BlockingQueue<Integer> chars = new LinkedBlockingQueue<>();
    Thread reader = Thread.ofPlatform().daemon().start(() -> readInput(chars));
    scheduler.scheduleAtFixedRate(this::render, 0, 120, TimeUnit.MILLISECONDS);
    KeyDecoder decoder = new KeyDecoder(chars);
    boolean stallSpent = options.stallOnce() == null;
    while (running) {
      KeyEvent event = decoder.next();
      if (!stallSpent && (event instanceof KeyEvent.Text || event instanceof KeyEvent.PasteStart)) {
        // starved: the keys wait in the terminal, the screen stays as it was, then all are taken
        stallSpent = true;
        log("STALLED " + options.stallOnce().toMillis() + "ms");
        Thread.sleep(options.stallOnce().toMillis());
      }
      synchronized (this) {
        handle(event);
      }
      if (!decoder.hasMore()) {
        // like the real CLIs' UIs, one frame for all the input that arrived together (a paste, a
        // burst of typed keys), not one full-screen redraw per character
        render();
      }
    }
    reader.interrupt();
    scheduler.shutdownNow();
    log("EXIT");
  }

  private static void readInput(BlockingQueue<Integer> chars) {
    try (Reader in = new InputStreamReader(System.in, StandardCharsets.UTF_8)) {
      int c;
      while ((c = in.read()) >= 0) {
        chars.add(c);
      }
    } catch (IOException e) {
      // terminal gone
    }
    chars.add(KeyDecoder.EOF);
  }

  // ------------------------------------------------------------------ keys

  private void handle(KeyEvent event) {
    switch (event) {
      case KeyEvent.EndOfInput e -> running = false;
      case KeyEvent.PasteStart e -> inPaste = true;
      case KeyEvent.PasteEnd e -> inPaste = false;
      case KeyEvent.Ignored e -> {}
      case KeyEvent.Text t -> onText(t.text());
      case KeyEvent.Enter e -> {
        if (inPaste) {
          input.append('\n');
        } else {
          onEnter();
        }
      }
      case KeyEvent.Backspace e -> {
        if (!input.isEmpty()) {
          input.setLength(input.length() - 1);
        }
      }
      case KeyEvent.CtrlU e -> {
        log("KEY CTRL_U");
        input.setLength(0);
        enterSwallowed = false;
      }
      case KeyEvent.Escape e -> onEscape();
      case KeyEvent.CtrlC e -> onCtrlC();
    }
  }

  private void onText(String text) {
    if (mode == Mode.DIALOG) {
      if (text.equalsIgnoreCase("y") || text.equals("1")) {
        log("DIALOG accepted");
        mode = Mode.IDLE;
      }
      return;
    }
    if (input.isEmpty() && !text.isEmpty()) {
      log("TYPING");
    }
    input.append(text);
  }

  private void onEnter() {
    if (mode == Mode.DIALOG) {
      log("DIALOG Enter selects 'No, exit'");
      running = false;
      return;
    }
    if (mode == Mode.BUSY) {
      log("ENTER_WHILE_BUSY");
      return;
    }
    if (input.toString().isBlank()) {
      log("ENTER_EMPTY");
      return;
    }
    if (options.swallowFirstEnter() && !enterSwallowed) {
      enterSwallowed = true;
      log("ENTER_SWALLOWED");
      return;
    }
    String prompt = input.toString();
    input.setLength(0);
    enterSwallowed = false;
    submit(prompt);
  }

  private void onEscape() {
    log("KEY ESC");
    if (mode == Mode.DIALOG) {
      log("DIALOG Escape selects 'No, exit'");
      running = false;
    } else if (mode == Mode.BUSY && !options.ignoreEscape()) {
      interrupt();
    }
  }

  private void onCtrlC() {
    log("KEY CTRL_C");
    Instant now = Instant.now();
    if (mode == Mode.BUSY) {
      interrupt();
    } else if (!input.isEmpty()) {
      input.setLength(0);
      enterSwallowed = false;
    } else if (Duration.between(lastCtrlC, now).compareTo(DOUBLE_CTRL_C) < 0) {
      log("EXIT_ON_DOUBLE_CTRL_C");
      running = false;
    } else {
      notice = "Press Ctrl-C again to exit";
    }
    lastCtrlC = now;
  }

  private void interrupt() {
    generation++;
    if (work != null) {
      work.cancel(false);
    }
    log("INTERRUPTED " + currentTask);
    say("■ Interrupted");
    mode = Mode.IDLE;
    currentTask = null;
  }

  // ------------------------------------------------------------------ work

  private void submit(String prompt) {
    Matcher id = TASK_ID.matcher(prompt);
    String taskId = id.find() ? id.group() : "-";
    log("PROMPT " + taskId + " chars=" + prompt.length());
    history(prompt);
    notice = "";
    if (options.silent()) {
      return;
    }
    say((amp() ? "┃ " : "› ") + prompt.replace('\n', ' '));
    if (options.usageLimit() != null) {
      // out of credits: the CLI answers every prompt with its limit message and goes back to its
      // input
      log("USAGE_LIMIT " + taskId);
      say("");
      say("  ✗ You've hit your usage limit · " + options.usageLimit());
      return;
    }
    if (taskId.equals("-")) {
      say("I can't find a task id (T-xxx) in this prompt.");
      return;
    }
    mode = Mode.BUSY;
    currentTask = taskId;
    busySince = Instant.now();
    if (options.hang()) {
      return;
    }
    int gen = generation;
    Duration time = options.drawWorkTime(random);
    work =
        scheduler.schedule(
            () -> finish(gen, taskId, prompt), time.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void finish(int gen, String taskId, String prompt) {
    String status;
    String note;
    boolean limit = false;
    synchronized (this) {
      if (gen != generation) {
        return;
      }
    }
    if (options.rateLimitOnce() && !rateLimitSpent) {
      rateLimitSpent = true;
      limit = true;
      status = "BLOCKED";
      note = "crédits épuisés";
    } else if (options.failTechnicalOnce() && !failureSpent) {
      failureSpent = true;
      status = "BLOCKED";
      note = "erreur technique: le processus de build a planté (exit 137)";
    } else if (TEST_PROMPT.matcher(prompt).find()) {
      if (options.testCommand() == null) {
        status = "COMPLETED";
        note = "PASSED (aucune commande de test fournie)";
      } else {
        CommandResult r = runCommand(options.testCommand(), folder(prompt));
        status = r.exit() == 0 ? "COMPLETED" : "BLOCKED";
        note =
            (r.exit() == 0 ? "PASSED" : "FAILED")
                + ": "
                + options.testCommand()
                + " → exit "
                + r.exit()
                + (r.lastLine().isEmpty() ? "" : " (" + r.lastLine() + ")");
      }
    } else if (RESOLVE_PROMPT.matcher(prompt).find()) {
      int resolved = options.keepConflicts() ? 0 : resolveConflicts(folder(prompt));
      status = "COMPLETED";
      note = "conflit de fusion résolu (" + resolved + " fichier(s), les deux côtés gardés)";
    } else if (FIX_PROMPT.matcher(prompt).find() && options.fixCommand() != null) {
      CommandResult r = runCommand(options.fixCommand(), folder(prompt));
      status = "COMPLETED";
      note = "correctif appliqué: " + options.fixCommand() + " → exit " + r.exit();
    } else {
      status = "COMPLETED";
      note = "fait par " + options.name() + editFiles(folder(prompt), taskId, prompt);
    }
    boolean forget = options.forgetBoardOnce() && !forgetSpent;
    synchronized (this) {
      if (gen != generation) {
        return;
      }
      if (forget) {
        forgetSpent = true;
        log("BOARD_FORGOTTEN " + taskId);
        say("Done with " + taskId + ".");
        mode = Mode.IDLE;
        currentTask = null;
      }
    }
    if (forget) {
      endTurn(gen, taskId, false, 0);
      return;
    }
    synchronized (this) {
      if (gen != generation) {
        return;
      }
      try {
        BoardEditor.Outcome o =
            editor.record(options.board(), taskId, status, options.name(), note, LocalDate.now());
        log(
            "BOARD "
                + taskId
                + " "
                + status
                + (o.rowFound() ? "" : " row-not-found")
                + (o.readAgain() == 0 ? "" : " read-again=" + o.readAgain())
                + " note="
                + note);
      } catch (IOException e) {
        log("BOARD_ERROR " + taskId + " " + e);
        say("✗ could not update " + options.board() + ": " + e.getMessage());
      }
      if (limit) {
        notice = "⚠ You've hit your usage limit. Try again later.";
      }
      say((status.equals("COMPLETED") ? "✔ " : "✗ ") + taskId + " " + status + " — " + note);
      mode = Mode.IDLE;
      currentTask = null;
    }
    endTurn(gen, taskId, false, 0);
  }

  /** Claude Code ends a turn after at most this many Stop-hook refusals in a row. */
  private static final int STOP_BLOCK_CAP = 8;

  private static final Pattern DECISION_BLOCK = Pattern.compile("\"decision\"\\s*:\\s*\"block\"");
  private static final Pattern REASON =
      Pattern.compile("\"reason\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  /**
   * The end of a turn: the Stop hooks run, as Claude Code runs them. A hook that refuses the stop
   * sends the agent back to work with its reason; a reason naming the task makes the agent write
   * the board row it forgot.
   */
  private void endTurn(int gen, String taskId, boolean hookActive, int blocks) {
    log("TURN_END " + taskId);
    if (!options.claudeHooks()) {
      return;
    }
    String reason = null;
    for (String command : ClaudeHooks.stopCommands(options.board().toAbsolutePath().getParent())) {
      ClaudeHooks.Outcome o =
          ClaudeHooks.run(command, options.board().toAbsolutePath().getParent(), hookActive);
      log("STOP_HOOK exit=" + o.exit() + " " + command);
      if (o.exit() == 2 && !o.stderr().isBlank()) {
        reason = o.stderr().strip();
      } else if (o.exit() == 0 && DECISION_BLOCK.matcher(o.stdout()).find()) {
        Matcher m = REASON.matcher(o.stdout());
        reason = m.find() ? m.group(1).replace("\\\"", "\"") : "(no reason)";
      }
    }
    if (reason == null || blocks + 1 >= STOP_BLOCK_CAP) {
      return;
    }
    String why = reason;
    synchronized (this) {
      if (gen != generation) {
        return;
      }
      log("STOP_BLOCKED " + taskId + " " + why);
      say("Stop hook feedback: " + why);
      mode = Mode.BUSY;
      currentTask = taskId;
      busySince = Instant.now();
    }
    scheduler.schedule(
        () -> {
          synchronized (this) {
            if (gen != generation) {
              return;
            }
            if (why.contains(taskId)) {
              try {
                editor.record(
                    options.board(),
                    taskId,
                    "COMPLETED",
                    options.name(),
                    "fait par " + options.name(),
                    LocalDate.now());
                log("BOARD " + taskId + " COMPLETED after-stop-hook");
              } catch (IOException e) {
                log("BOARD_ERROR " + taskId + " " + e);
              }
            }
            say("✔ " + taskId + " COMPLETED — row updated");
            mode = Mode.IDLE;
            currentTask = null;
          }
          endTurn(gen, taskId, true, blocks + 1);
        },
        300,
        TimeUnit.MILLISECONDS);
  }

  private record CommandResult(int exit, String lastLine) {}

  /** Where this prompt wants the work done: the worktree it names, else the board's folder. */
  private Path folder(String prompt) {
    Matcher m = WORKTREE_FOLDER.matcher(prompt);
    return m.find() ? Path.of(m.group(1)) : options.board().toAbsolutePath().getParent();
  }

  /**
   * Writes each {@code file:NAME} of the task into the folder; returns a note suffix naming them.
   */
  private String editFiles(Path folder, String taskId, String prompt) {
    Matcher m = FILE_DIRECTIVE.matcher(prompt);
    List<String> written = new ArrayList<>();
    while (m.find()) {
      Path file = folder.resolve(m.group(1)).normalize();
      if (!file.startsWith(folder)) {
        continue;
      }
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(file, taskId + " by " + options.name() + "\n", StandardCharsets.UTF_8);
        written.add(m.group(1));
        log("FILE " + taskId + " " + file);
      } catch (IOException e) {
        log("FILE_ERROR " + taskId + " " + e);
      }
    }
    return written.isEmpty() ? "" : " (" + String.join(", ", written) + ")";
  }

  /**
   * Takes both sides of every conflict in the folder's files: the marker lines go, both versions
   * stay.
   */
  private int resolveConflicts(Path folder) {
    int resolved = 0;
    try (var files = Files.walk(folder)) {
      for (Path file :
          files
              .filter(f -> !f.toString().contains("/.git"))
              .filter(Files::isRegularFile)
              .toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (!text.lines().anyMatch(l -> l.startsWith("<<<<<<< "))) {
          continue;
        }
        StringBuilder out = new StringBuilder();
        for (String line : text.lines().toList()) {
          if (!line.startsWith("<<<<<<< ")
              && !line.equals("=======")
              && !line.startsWith(">>>>>>> ")) {
            out.append(line).append('\n');
          }
        }
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
        log("RESOLVED " + file);
        resolved++;
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      log("RESOLVE_ERROR " + e);
    }
    return resolved;
  }

  private CommandResult runCommand(String command, Path dir) {
    try {
      Process p =
          new ProcessBuilder("sh", "-c", command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = p.waitFor();
      List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
      String last = lines.isEmpty() ? "" : lines.getLast().strip();
      log("COMMAND exit=" + exit + " " + command);
      return new CommandResult(exit, last.length() > 120 ? last.substring(0, 120) : last);
    } catch (IOException e) {
      return new CommandResult(127, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new CommandResult(130, "interrupted");
    }
  }

  // ------------------------------------------------------------------ screen

  private void say(String line) {
    transcript.addLast(line);
    while (transcript.size() > 200) {
      transcript.removeFirst();
    }
  }

  private synchronized void render() {
    List<String> screen = new ArrayList<>();
    if (mode == Mode.DIALOG) {
      screen.add(" Do you trust the files in this folder?");
      screen.add(" " + options.board().toAbsolutePath().getParent());
      screen.add("");
      screen.add(" ❯ 1. Yes, proceed (y)");
      screen.add("   2. No, exit");
      screen.add("");
      screen.add(" Enter to confirm · Esc to exit");
    } else if (amp()) {
      renderAmp(screen);
    } else {
      screen.add(" ✦ Simulated agent " + options.name() + " · " + options.board().getFileName());
      screen.add("");
      int room = rows - 8;
      List<String> shown = new ArrayList<>(transcript);
      screen.addAll(shown.subList(Math.max(0, shown.size() - room), shown.size()));
      screen.add("");
      if (mode == Mode.BUSY) {
        long secs = Duration.between(busySince, Instant.now()).toSeconds();
        char frame = SPINNER.charAt((int) ((System.nanoTime() / 100_000_000L) % SPINNER.length()));
        screen.add(frame + " Working on " + currentTask + " (" + secs + "s • esc to interrupt)");
      } else {
        screen.add(notice);
      }
      String rule = "─".repeat(cols - 1);
      screen.add(rule);
      String shownInput = input.toString().replace('\n', '⏎');
      int room2 = cols - 4;
      if (shownInput.length() > room2) {
        shownInput = "…" + shownInput.substring(shownInput.length() - room2 + 1);
      }
      screen.add("› " + shownInput);
      screen.add(rule);
      screen.add(mode == Mode.BUSY ? "  esc to interrupt" : "  ? for shortcuts");
    }
    StringBuilder frame = new StringBuilder("\u001b[H");
    for (String line : screen) {
      String l = line.length() >= cols ? line.substring(0, cols - 1) : line;
      frame.append(l).append("\u001b[K\r\n");
    }
    frame.append("\u001b[J");
    String text = frame.toString();
    if (text.equals(lastFrame)) {
      return; // nothing changed: keep the terminal (and tmux) quiet
    }
    lastFrame = text;
    out.print(text);
    out.flush();
  }

  private boolean amp() {
    return options.look().equals("amp");
  }

  /**
   * Amp's layout: the transcript (prompts marked {@code ┃}), a status line while it works, and the
   * input as a box whose top border carries the context use and cost, with no prompt marker of its
   * own.
   */
  private void renderAmp(List<String> screen) {
    int room = rows - 6;
    List<String> shown = new ArrayList<>(transcript);
    screen.addAll(shown.subList(Math.max(0, shown.size() - room), shown.size()));
    screen.add("");
    if (mode == Mode.BUSY) {
      long secs = Duration.between(busySince, Instant.now()).toSeconds();
      screen.add("  ∿ Thinking (" + secs + "s)");
    } else {
      screen.add(notice);
    }
    int width = cols - 1;
    String top = "╭─3% of 168k · $0.42";
    screen.add(top + "─".repeat(Math.max(0, width - top.length() - 1)) + "╮");
    String shownInput = input.toString().replace('\n', '⏎');
    int room2 = width - 4;
    if (shownInput.length() > room2) {
      shownInput = "…" + shownInput.substring(shownInput.length() - room2 + 1);
    }
    screen.add("│ " + shownInput + " ".repeat(Math.max(0, room2 - shownInput.length())) + " │");
    String foot = " ~/" + options.board().toAbsolutePath().getParent().getFileName() + " ─────╯";
    screen.add("╰" + "─".repeat(Math.max(0, width - foot.length() - 1)) + foot);
  }

  // ------------------------------------------------------------------ records for tests

  private void log(String event) {
    append(options.log(), Instant.now() + " " + event);
  }

  private void history(String prompt) {
    append(
        options.history(),
        prompt
            .replace("\\", "\\\\")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
            .replace("\t", "\\t"));
  }

  private static void append(Path file, String line) {
    if (file == null) {
      return;
    }
    try {
      Files.writeString(
          file,
          line + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      // the log is for observers; the simulator keeps going without it
    }
  }
}
