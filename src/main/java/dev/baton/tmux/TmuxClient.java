package dev.baton.tmux;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Runs the {@code tmux} binary, one process per call, always with an argument list (never a shell
 * string) and a timeout. Every failure becomes a {@link TmuxException} subtype carrying tmux's own
 * message.
 *
 * <p>Writes to a pane check {@code #{pane_dead}} (in the same tmux invocation for keys), because
 * tmux accepts keys for a dead pane silently and crashes on a paste into one. Literal text always
 * follows {@code --} (a prompt starting with {@code -} is not a flag) and a trailing {@code ;} is
 * sent as a hex key, because tmux reads an argument ending in {@code ;} as a command separator.
 *
 * <p>One writer per pane: {@link #exclusive} holds a lock per target string; every write method
 * takes it too, so a multi-step sequence (clear, type, Enter) is never interleaved with another
 * writer using the same target string. Callers must name a pane the same way everywhere.
 */
public class TmuxClient {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TmuxClient.class);

  private static final String US = "\u001f";

  private final String binary;
  private final String socketName;
  private final Duration timeout;
  private final Map<String, ReentrantLock> paneLocks = new ConcurrentHashMap<>();
  private final boolean argvCarriesUtf8;

  /**
   * @param socketName name for {@code tmux -L}; null means the default server
   * @param timeout limit for each tmux call
   */
  public TmuxClient(String socketName, Duration timeout) {
    this("tmux", socketName, timeout);
  }

  /**
   * @param binary the tmux program (a path or a name looked up on the PATH)
   * @param socketName name for {@code tmux -L}; null means the default server
   * @param timeout limit for each tmux call
   */
  public TmuxClient(String binary, String socketName, Duration timeout) {
    this.binary = Objects.requireNonNull(binary, "binary");
    this.socketName = socketName == null ? null : TmuxNames.requireName("tmux socket", socketName);
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("tmux call timeout must be positive, was " + timeout);
    }
    this.timeout = timeout;
    String jnu = System.getProperty("sun.jnu.encoding", "UTF-8");
    this.argvCarriesUtf8 =
        Charset.isSupported(jnu) && Charset.forName(jnu).equals(StandardCharsets.UTF_8);
  }

  /** The {@code -L} socket name, or null for the default server. */
  public String socketName() {
    return socketName;
  }

  // ---------------------------------------------------------------- sessions and windows

  /**
   * Creates a detached session whose first window runs {@code spec}.
   *
   * @return the first pane
   */
  public PaneInfo newSession(String session, int width, int height, WindowSpec spec) {
    TmuxNames.requireSession("session", session);
    List<String> args = new ArrayList<>(List.of("new-session", "-d", "-s", session));
    args.addAll(List.of("-x", Integer.toString(width), "-y", Integer.toString(height)));
    args.addAll(List.of("-P", "-F", PaneInfo.FORMAT));
    addWindowArgs(args, spec);
    return PaneInfo.parse(firstLine(run(null, args).out));
  }

  /**
   * Adds a window (not selected) at the end of {@code session} running {@code spec}.
   *
   * @return the new window's pane
   */
  public PaneInfo newWindow(String session, WindowSpec spec) {
    TmuxNames.requireSession("session", session);
    List<String> args =
        new ArrayList<>(
            List.of("new-window", "-d", "-t", session + ":", "-P", "-F", PaneInfo.FORMAT));
    addWindowArgs(args, spec);
    return PaneInfo.parse(firstLine(run(null, args).out));
  }

  private static void addWindowArgs(List<String> args, WindowSpec spec) {
    args.addAll(List.of("-n", spec.name()));
    if (spec.directory() != null) {
      args.addAll(List.of("-c", spec.directory().toAbsolutePath().toString()));
    }
    spec.environment().forEach((k, v) -> args.addAll(List.of("-e", k + "=" + v)));
    if (!spec.command().isEmpty()) {
      args.add("--");
      args.addAll(spec.command());
    }
  }

  /** True when the server runs and has this session; false when either is missing. */
  public boolean hasSession(String session) {
    TmuxNames.requireSession("session", session);
    try {
      run(null, List.of("has-session", "-t", "=" + session));
      return true;
    } catch (UnknownTargetException | TmuxServerNotRunningException e) {
      return false;
    }
  }

  public void killSession(String session) {
    TmuxNames.requireSession("session", session);
    run(null, List.of("kill-session", "-t", "=" + session));
  }

  public void killWindow(String target) {
    run(null, List.of("kill-window", "-t", TmuxNames.requireTarget("target", target)));
  }

  /**
   * Stops the whole server on this client's socket and removes the socket file, which tmux leaves
   * behind: a tool that starts a private server per run or per test would otherwise fill {@code
   * /tmp/tmux-<uid>/}. Safe to call when it is already gone.
   *
   * @return false when no server was running
   */
  public boolean killServer() {
    try {
      String socket = socketPath();
      run(null, List.of("kill-server"));
      if (!socket.isBlank()) {
        try {
          java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(socket));
        } catch (java.io.IOException e) {
          LOG.debug("socket file {} left in place: {}", socket, e.getMessage());
        }
      }
      return true;
    } catch (TmuxServerNotRunningException e) {
      return false;
    }
  }

  /** Path of the server's socket file ({@code #{socket_path}}). */
  public String socketPath() {
    return firstLine(run(null, List.of("display-message", "-p", "#{socket_path}")).out);
  }

  /**
   * Sets a window option ({@code remain-on-exit}, ...) for one window, or globally when target is
   * null.
   */
  public void setWindowOption(String target, String option, String value) {
    TmuxNames.requireName("option", option);
    List<String> args = new ArrayList<>(List.of("set-option", "-w"));
    if (target == null) {
      args.add("-g");
    } else {
      args.addAll(List.of("-t", TmuxNames.requireTarget("target", target)));
    }
    args.addAll(List.of("--", option, value));
    run(null, args);
  }

  public List<WindowInfo> listWindows(String session) {
    TmuxNames.requireSession("session", session);
    return lines(
            run(null, List.of("list-windows", "-t", "=" + session, "-F", WindowInfo.FORMAT)).out)
        .stream()
        .map(WindowInfo::parse)
        .toList();
  }

  /** All panes of all windows of a session. */
  public List<PaneInfo> listPanes(String session) {
    TmuxNames.requireSession("session", session);
    return lines(
            run(null, List.of("list-panes", "-s", "-t", "=" + session, "-F", PaneInfo.FORMAT)).out)
        .stream()
        .map(PaneInfo::parse)
        .toList();
  }

  /**
   * Describes the pane a target names (the active pane when the target names a window). Uses {@code
   * list-panes}, which fails on an unknown target, where {@code display-message} would silently
   * fall back to another pane.
   */
  public PaneInfo paneInfo(String target) {
    TmuxNames.requireTarget("target", target);
    List<PaneInfo> panes =
        lines(run(null, List.of("list-panes", "-t", target, "-F", PaneInfo.FORMAT)).out).stream()
            .map(PaneInfo::parse)
            .toList();
    int colon = target.indexOf(':');
    int dot = colon < 0 ? -1 : target.indexOf('.', colon);
    java.util.function.Predicate<PaneInfo> wanted;
    if (target.startsWith("%")) {
      wanted = p -> p.paneId().equals(target);
    } else if (dot >= 0) {
      String index = target.substring(dot + 1);
      wanted = p -> Integer.toString(p.paneIndex()).equals(index);
    } else {
      wanted = PaneInfo::active;
    }
    return panes.stream()
        .filter(wanted)
        .findFirst()
        .orElseThrow(
            () ->
                new UnknownTargetException(
                    "tmux has no pane " + target, "can't find pane: " + target));
  }

  // ---------------------------------------------------------------- reading

  /**
   * The last {@code lines} non-blank-terminated lines of the pane (visible screen plus history),
   * wrapped lines joined; the empty rows below the cursor are dropped first.
   *
   * @param escapes keep colours and attributes ({@code -e}): the only way to tell dim placeholder
   *     text from typed text
   */
  public String capture(String target, int lines, boolean escapes) {
    TmuxNames.requireTarget("target", target);
    if (lines <= 0) {
      throw new IllegalArgumentException("lines must be positive, was " + lines);
    }
    List<String> args =
        new ArrayList<>(List.of("capture-pane", "-p", "-J", "-t", target, "-S", "-" + lines));
    if (escapes) {
      args.add("-e");
    }
    String out = run(null, args).out;
    // -S -N counts back from the top of the visible screen: keep only the last N lines
    List<String> all = new ArrayList<>(out.lines().toList());
    while (!all.isEmpty() && all.getLast().isBlank()) {
      all.removeLast();
    }
    int from = Math.max(0, all.size() - lines);
    return String.join("\n", all.subList(from, all.size()));
  }

  /**
   * The visible screen only (no scrollback), with the cursor row and whether the alternate screen
   * is on, read in one tmux call. Rows are not joined, so a row index is a screen row.
   */
  public PaneScreen captureScreen(String target) {
    TmuxNames.requireTarget("target", target);
    String out =
        run(
                null,
                List.of(
                    "display-message",
                    "-p",
                    "-t",
                    target,
                    "#{cursor_y} #{alternate_on}",
                    ";",
                    "capture-pane",
                    "-p",
                    "-t",
                    target))
            .out;
    int nl = out.indexOf('\n');
    String head = nl < 0 ? out : out.substring(0, nl);
    String text = nl < 0 ? "" : out.substring(nl + 1);
    String[] f = head.strip().split(" ");
    int cursorY = -1;
    boolean alternate = false;
    try {
      cursorY = Integer.parseInt(f[0]);
      alternate = f.length > 1 && "1".equals(f[1]);
    } catch (NumberFormatException e) {
      // an old tmux without these formats: no cursor information
    }
    return new PaneScreen(text, cursorY, alternate);
  }

  /**
   * The pane's description and its visible screen in one tmux call ({@code display-message} then
   * {@code capture-pane} on the same target): the target resolves as in {@link #paneInfo} (a window
   * names its active pane). A dead pane still answers with the screen it left.
   *
   * @throws UnknownTargetException when tmux has no such pane
   */
  public PaneLook look(String target) {
    TmuxNames.requireTarget("target", target);
    String out =
        run(
                null,
                List.of(
                    "display-message",
                    "-p",
                    "-t",
                    target,
                    PaneInfo.FORMAT + "\u001f#{cursor_y}\u001f#{alternate_on}",
                    ";",
                    "capture-pane",
                    "-p",
                    "-t",
                    target))
            .out;
    int nl = out.indexOf('\n');
    String head = nl < 0 ? out : out.substring(0, nl);
    String text = nl < 0 ? "" : out.substring(nl + 1);
    int cut = nthSeparator(head, 10);
    if (cut < 0) {
      throw new TmuxCommandException("unexpected pane description from tmux: " + head, head);
    }
    PaneInfo pane = PaneInfo.parse(head.substring(0, cut));
    String[] cursor = head.substring(cut + 1).strip().split("\u001f", -1);
    int cursorY = -1;
    try {
      cursorY = Integer.parseInt(cursor[0]);
    } catch (NumberFormatException e) {
      // an old tmux without this format: no cursor information
    }
    boolean alternate = cursor.length > 1 && "1".equals(cursor[1]);
    return new PaneLook(pane, new PaneScreen(text, cursorY, alternate));
  }

  private static int nthSeparator(String s, int n) {
    int at = -1;
    for (int i = 0; i < n; i++) {
      at = s.indexOf('\u001f', at + 1);
      if (at < 0) {
        return -1;
      }
    }
    return at;
  }

  // ---------------------------------------------------------------- writing

  /**
   * Runs {@code action} while holding the lock of one pane, so several tmux calls form one
   * uninterrupted sequence for that pane. Reentrant.
   */
  public <T> T exclusive(String target, Supplier<T> action) {
    ReentrantLock lock = paneLocks.computeIfAbsent(target, t -> new ReentrantLock());
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  public void exclusive(String target, Runnable action) {
    exclusive(
        target,
        () -> {
          action.run();
          return null;
        });
  }

  /**
   * Types {@code text} as literal keys ({@code send-keys -l}): no key names, no shell, newlines are
   * sent as line feeds. Control characters are shown, not sent ({@link TypedText}). Text that the
   * JVM cannot pass through argv unchanged (non-ASCII under a non-UTF-8 locale) goes through a tmux
   * buffer instead, with the same effect.
   */
  public void sendLiteral(String target, String text) {
    TmuxNames.requireTarget("target", target);
    text = TypedText.safe(text);
    if (text.isEmpty()) {
      return;
    }
    if (!argvCarriesUtf8 && !text.chars().allMatch(c -> c < 128)) {
      pasteInternal(target, text, false);
      return;
    }
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == ';') {
      end--;
    }
    String body = text.substring(0, end);
    int semicolons = text.length() - end;
    exclusive(
        target,
        () -> {
          List<String> args = deadCheck(target);
          if (!body.isEmpty()) {
            args.addAll(List.of(";", "send-keys", "-t", target, "-l", "--", body));
          }
          if (semicolons > 0) {
            args.addAll(List.of(";", "send-keys", "-t", target, "-H"));
            for (int i = 0; i < semicolons; i++) {
              args.add("3b");
            }
          }
          failIfDead(target, run(null, args).out);
        });
  }

  /** Presses one key, on its own. */
  public void sendKey(String target, Key key) {
    TmuxNames.requireTarget("target", target);
    exclusive(
        target,
        () -> {
          List<String> args = deadCheck(target);
          args.addAll(List.of(";", "send-keys", "-t", target, key.tmuxName()));
          failIfDead(target, run(null, args).out);
        });
  }

  /**
   * Pastes {@code text} as one bracketed paste ({@code load-buffer} from stdin, then {@code
   * paste-buffer -p -d}), the way a terminal delivers a clipboard: programs that asked for
   * bracketed paste take the newlines inside as text, not as submit. Uses a buffer named after the
   * pane and deletes it afterwards. Control characters are shown, not sent ({@link TypedText}): an
   * ESC inside would end the bracketed paste early and type the rest as keys.
   */
  public void paste(String target, String text) {
    TmuxNames.requireTarget("target", target);
    pasteInternal(target, TypedText.safe(text), true);
  }

  private void pasteInternal(String target, String text, boolean bracketed) {
    if (text.isEmpty()) {
      return;
    }
    String buffer = "baton-" + target.replaceAll("[^A-Za-z0-9]", "_");
    exclusive(
        target,
        () -> {
          // checked beforehand: tmux 3.3a crashes when pasting into a dead pane
          if (paneInfo(target).dead()) {
            throw new DeadPaneException("pane " + target + " is dead: its program has exited", "");
          }
          run(text, List.of("load-buffer", "-b", buffer, "-"));
          List<String> args =
              new ArrayList<>(List.of("paste-buffer", "-d", "-b", buffer, "-t", target));
          if (bracketed) {
            args.add("-p");
          }
          run(null, args);
        });
  }

  /** Leaves copy mode (or any mode) if the pane is in one; does nothing otherwise. */
  public void exitCopyMode(String target) {
    TmuxNames.requireTarget("target", target);
    exclusive(
        target,
        () -> {
          if (paneInfo(target).inMode()) {
            try {
              run(null, List.of("send-keys", "-t", target, "-X", "cancel"));
            } catch (TmuxCommandException e) {
              if (!e.tmuxMessage().contains("not in a mode")) {
                throw e;
              }
            }
          }
        });
  }

  /** Enters copy mode; useful to reproduce the trap in tests. */
  public void enterCopyMode(String target) {
    run(null, List.of("copy-mode", "-t", TmuxNames.requireTarget("target", target)));
  }

  private static List<String> deadCheck(String target) {
    return new ArrayList<>(List.of("display-message", "-p", "-t", target, "#{pane_dead}"));
  }

  private static void failIfDead(String target, String out) {
    if (out.startsWith("1")) {
      throw new DeadPaneException("pane " + target + " is dead: its program has exited", "");
    }
  }

  // ---------------------------------------------------------------- process handling

  private record Result(String out, String err) {}

  private Result run(String stdin, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary);
    if (socketName != null) {
      cmd.addAll(List.of("-L", socketName));
    }
    cmd.add("-u");
    cmd.addAll(args);
    Process p;
    try {
      p = new ProcessBuilder(cmd).start();
    } catch (IOException e) {
      throw new TmuxNotInstalledException(
          "cannot run '" + binary + "': install tmux (e.g. apt-get install tmux) or fix the PATH",
          "",
          e);
    }
    CompletableFuture<String> out = drain(p.getInputStream());
    CompletableFuture<String> err = drain(p.getErrorStream());
    try (OutputStream in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // tmux closed its stdin early; its exit status and stderr tell the story
    }
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new TmuxTimeoutException(
            "tmux " + args.getFirst() + " did not answer within " + timeout, "");
      }
      String o = out.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      String e = err.get(timeout.toMillis(), TimeUnit.MILLISECONDS).strip();
      if (p.exitValue() != 0) {
        throw classify(args, e);
      }
      return new Result(o, e);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new TmuxTimeoutException(
          "interrupted while waiting for tmux " + args.getFirst(), "", e);
    } catch (ExecutionException | TimeoutException e) {
      p.destroyForcibly();
      throw new TmuxTimeoutException("could not read tmux " + args.getFirst() + " output", "", e);
    }
  }

  private TmuxException classify(List<String> args, String err) {
    String what = "tmux " + args.getFirst() + " failed: " + err;
    if (err.contains("no server running")
        || err.contains("error connecting to")
        || err.contains("server exited unexpectedly")
        || err.contains("lost server")) {
      return new TmuxServerNotRunningException(
          "no tmux server"
              + (socketName == null ? "" : " on socket '" + socketName + "'")
              + ": "
              + err,
          err);
    }
    if (err.contains("can't find") || err.contains("not found")) {
      return new UnknownTargetException(what, err);
    }
    return new TmuxCommandException(what, err);
  }

  private static CompletableFuture<String> drain(InputStream s) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (s) {
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "";
          }
        },
        Thread::startVirtualThread);
  }

  private static String firstLine(String out) {
    return out.lines().findFirst().orElse("");
  }

  private static List<String> lines(String out) {
    return out.lines().filter(l -> !l.isEmpty()).toList();
  }
}
