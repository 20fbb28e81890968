package dev.baton.tmux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Against a real tmux server on a private socket. */
class TmuxClientTest {

  private static TmuxTestServer server;
  private static TmuxClient tmux;
  private static final AtomicInteger WINDOWS = new AtomicInteger();

  @TempDir static Path dir;

  @BeforeAll
  static void startServer() {
    server = TmuxTestServer.start();
    tmux = server.client();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  /** A window whose terminal is raw and whose program copies every byte it receives to a file. */
  private static String catWindow(Path out) {
    String name = "cat" + WINDOWS.incrementAndGet();
    tmux.newWindow(
        server.session(),
        WindowSpec.of(
            name, List.of("sh", "-c", "stty raw -echo; exec cat > \"$0\"", out.toString())));
    String target = server.session() + ":" + name;
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> tmux.paneInfo(target).currentCommand().equals("cat"));
    return target;
  }

  private static String read(Path p) throws IOException {
    return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "say \"hi\" and 'bye'",
        "echo $(rm -rf /tmp/nothing) `id` ${HOME}",
        "a; b ; c;",
        ";",
        "ends with backslash-semicolon \\;",
        "Enter",
        "C-c",
        "-n starts with a dash",
        "--",
        "Tâche T-005 : écrire « ça » — ✓ 漢字 🚀"
      })
  void literalTextArrivesIntact(String text) throws IOException {
    Path out = dir.resolve("lit" + WINDOWS.get() + "-" + Math.abs(text.hashCode()) + ".txt");
    String target = catWindow(out);
    tmux.sendLiteral(target, text);
    tmux.sendLiteral(target, "<END>");
    await().atMost(Duration.ofSeconds(10)).until(() -> read(out).endsWith("<END>"));
    assertThat(read(out)).isEqualTo(text + "<END>");
  }

  @Test
  void newlinesAndTenKilobytesArriveThroughPaste() throws IOException {
    Path out = dir.resolve("paste.txt");
    String target = catWindow(out);
    StringBuilder big = new StringBuilder();
    int i = 0;
    while (big.length() < 10_240) {
      big.append("line ").append(i++).append(": \"quoted\" $(x); Enter C-c é✓\n");
    }
    String text = big + "<END>";
    tmux.paste(target, text);
    await().atMost(Duration.ofSeconds(15)).until(() -> read(out).endsWith("<END>"));
    // paste-buffer turns line feeds into carriage returns, as a terminal paste does
    assertThat(read(out).replace('\r', '\n')).isEqualTo(text);
  }

  /** Hostile task text: nothing but printable characters and line breaks reaches the program. */
  private static final String HOSTILE =
      "red \u001b[31mALERT\u001b[0m\u0000 bell\u0007 cr\rlf\r\nnext\ttab \u009b1m c1 \u2028ls \u2029ps"
          + " \u202Eevil\u202C \u2066iso\u2069 \u001b[201~ \u007f del";

  private static final String SHOWN =
      "red ␛[31mALERT␛[0m␀ bell␇ cr\nlf\nnext    tab [U+009B]1m c1 [U+2028]ls [U+2029]ps"
          + " [U+202E]evil[U+202C] [U+2066]iso[U+2069] ␛[201~ ␡ del";

  @Test
  void controlCharactersAreShownNotTyped() throws IOException {
    Path literal = dir.resolve("hostile-literal.txt");
    String target = catWindow(literal);
    tmux.sendLiteral(target, HOSTILE.replace("\r\n", " ").replace("\r", " ") + "<END>");
    await().atMost(Duration.ofSeconds(10)).until(() -> read(literal).endsWith("<END>"));
    assertThat(read(literal)).isEqualTo(SHOWN.replace("cr\nlf\nnext", "cr lf next") + "<END>");

    Path pasted = dir.resolve("hostile-paste.txt");
    String pasteTarget = catWindow(pasted);
    tmux.paste(pasteTarget, HOSTILE + "<END>");
    await().atMost(Duration.ofSeconds(10)).until(() -> read(pasted).endsWith("<END>"));
    String bytes = read(pasted);
    assertThat(
            bytes
                .chars()
                .filter(c -> c < 0x20 && c != '\r' || c == 0x7f || (c >= 0x80 && c < 0xa0)))
        .as("control characters that reached the program")
        .isEmpty();
    assertThat(bytes.replace('\r', '\n')).isEqualTo(SHOWN + "<END>");
  }

  @Test
  void aPaneShowsTheEscapesAsText() {
    String name = "tty" + WINDOWS.incrementAndGet();
    tmux.newWindow(server.session(), WindowSpec.of(name, List.of("sh", "-c", "exec cat")));
    String target = server.session() + ":" + name;
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> tmux.paneInfo(target).currentCommand().equals("cat"));
    tmux.sendLiteral(target, "say \u001b[2J\u001b[31mred\u0007 done");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> tmux.capture(target, 5, false).contains("done"));
    assertThat(tmux.capture(target, 5, false)).contains("say ␛[2J␛[31mred␇ done");
    // with the pane's colours: no red was switched on, so no escape reached the terminal
    assertThat(tmux.capture(target, 5, true)).doesNotContain("\u001b[31m").contains("␛[31mred");
  }

  @Test
  void tabsAreTypedAsSpaces() throws IOException {
    Path out = dir.resolve("tab.txt");
    String target = catWindow(out);
    tmux.sendLiteral(target, "tab\there<END>");
    await().atMost(Duration.ofSeconds(10)).until(() -> read(out).endsWith("<END>"));
    assertThat(read(out)).isEqualTo("tab    here<END>");
  }

  @Test
  void keysAreSentAsKeys() throws IOException {
    Path out = dir.resolve("keys.txt");
    String target = catWindow(out);
    tmux.sendLiteral(target, "x");
    tmux.sendKey(target, Key.ENTER);
    tmux.sendKey(target, Key.ESCAPE);
    tmux.sendKey(target, Key.CTRL_U);
    tmux.sendKey(target, Key.CTRL_C);
    tmux.sendLiteral(target, "!");
    await().atMost(Duration.ofSeconds(10)).until(() -> read(out).endsWith("!"));
    assertThat(read(out)).isEqualTo("x\r\u001b\u0015\u0003!");
  }

  @Test
  void paneInfoAndCapture() {
    String name = "echo" + WINDOWS.incrementAndGet();
    PaneInfo created =
        tmux.newWindow(
            server.session(),
            WindowSpec.of(name, List.of("sh", "-c", "printf 'one\\ntwo\\nthree\\n'; exec cat")));
    String target = server.session() + ":" + name;
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> tmux.capture(target, 10, false).contains("three"));
    assertThat(tmux.capture(target, 2, false)).isEqualTo("two\nthree");
    PaneInfo info = tmux.paneInfo(target);
    assertThat(info.paneId()).isEqualTo(created.paneId());
    assertThat(info.dead()).isFalse();
    assertThat(info.inMode()).isFalse();
    assertThat(info.pid()).isPositive();
    assertThat(tmux.listWindows(server.session())).extracting(WindowInfo::name).contains(name);
    assertThat(tmux.listPanes(server.session()))
        .extracting(PaneInfo::paneId)
        .contains(created.paneId());

    tmux.enterCopyMode(target);
    assertThat(tmux.paneInfo(target).inMode()).isTrue();
    tmux.exitCopyMode(target);
    assertThat(tmux.paneInfo(target).inMode()).isFalse();
    tmux.exitCopyMode(target); // not in a mode: nothing to do, no error
  }

  @Test
  void oneLookTellsWhatPaneInfoAndTheScreenTellApart() {
    String name = "look" + WINDOWS.incrementAndGet();
    PaneInfo created =
        tmux.newWindow(
            server.session(),
            WindowSpec.of(name, List.of("sh", "-c", "printf 'a|b\\tc\\nsecond\\n'; exec cat")));
    String target = server.session() + ":" + name;
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> tmux.look(target).screen().text().contains("second"));
    PaneLook look = tmux.look(target);
    assertThat(look.pane()).isEqualTo(tmux.paneInfo(target));
    assertThat(look.pane().paneId()).isEqualTo(created.paneId());
    assertThat(look.screen()).isEqualTo(tmux.captureScreen(target));
    assertThat(look.screen().cursorY()).isEqualTo(2);

    tmux.enterCopyMode(target);
    assertThat(tmux.look(target).pane().inMode()).isTrue();
    tmux.exitCopyMode(target);

    assertThatThrownBy(() -> tmux.look(server.session() + ":nosuch" + name))
        .isInstanceOf(UnknownTargetException.class);
  }

  @Test
  void aDeadPaneIsLookedAtNotRefused() {
    String name = "gone" + WINDOWS.incrementAndGet();
    tmux.newWindow(server.session(), WindowSpec.of(name, List.of("sh", "-c", "sleep 0.3")));
    String target = server.session() + ":" + name;
    tmux.setWindowOption(target, "remain-on-exit", "on");
    await().atMost(Duration.ofSeconds(10)).until(() -> tmux.paneInfo(target).dead());
    PaneLook look = tmux.look(target);
    assertThat(look.pane().dead()).isTrue();
    assertThat(look.pane()).isEqualTo(tmux.paneInfo(target));
  }

  @Test
  void deadPaneIsATypedError() {
    String name = "dead" + WINDOWS.incrementAndGet();
    tmux.newWindow(server.session(), WindowSpec.of(name, List.of("sh", "-c", "sleep 0.3")));
    String target = server.session() + ":" + name;
    tmux.setWindowOption(target, "remain-on-exit", "on");
    await().atMost(Duration.ofSeconds(10)).until(() -> tmux.paneInfo(target).dead());
    assertThatThrownBy(() -> tmux.sendLiteral(target, "hello"))
        .isInstanceOf(DeadPaneException.class);
    assertThatThrownBy(() -> tmux.sendKey(target, Key.ENTER)).isInstanceOf(DeadPaneException.class);
    assertThatThrownBy(() -> tmux.paste(target, "a\nb")).isInstanceOf(DeadPaneException.class);
  }

  @Test
  void wrongTargetIsATypedErrorWithTmuxMessage() {
    assertThatThrownBy(() -> tmux.sendLiteral(server.session() + ":nosuchwindow", "x"))
        .isInstanceOf(UnknownTargetException.class)
        .satisfies(
            e -> assertThat(((TmuxException) e).tmuxMessage()).contains("can't find window"));
    assertThatThrownBy(() -> tmux.paneInfo("nosuchsession:1"))
        .isInstanceOf(UnknownTargetException.class)
        .satisfies(
            e -> assertThat(((TmuxException) e).tmuxMessage()).contains("can't find session"));
    assertThat(tmux.hasSession("nosuchsession")).isFalse();
    assertThat(tmux.hasSession(server.session())).isTrue();
  }

  @Test
  void targetsThatCouldBeReadAsFlagsOrCommandsAreRefused() {
    assertThatThrownBy(() -> tmux.sendLiteral("-t", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tmux.sendLiteral("s;kill-server", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tmux.capture("s:1 -e", 5, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tmux.newWindow("-d", WindowSpec.of("w", List.of())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void killedServerIsATypedError() {
    try (TmuxTestServer other = TmuxTestServer.start()) {
      TmuxClient client = other.client();
      java.nio.file.Path socket = java.nio.file.Path.of(client.socketPath());
      assertThat(socket).exists();
      assertThat(client.killServer()).isTrue();
      assertThat(socket).as("the socket file goes with the server").doesNotExist();
      assertThatThrownBy(() -> client.paneInfo("t:0"))
          .isInstanceOf(TmuxServerNotRunningException.class)
          .satisfies(e -> assertThat(((TmuxException) e).tmuxMessage()).isNotBlank());
      assertThatThrownBy(() -> client.sendLiteral("t:0", "x"))
          .isInstanceOf(TmuxServerNotRunningException.class);
      assertThat(client.hasSession("t")).isFalse();
      assertThat(client.killServer()).isFalse();
    }
  }

  @Test
  void missingBinaryIsATypedError() {
    TmuxClient client = new TmuxClient("/nonexistent/tmux-binary", "x", Duration.ofSeconds(1));
    assertThatThrownBy(() -> client.hasSession("s")).isInstanceOf(TmuxNotInstalledException.class);
  }

  @Test
  void slowTmuxIsATimeout() throws IOException {
    Path fake = dir.resolve("slow-tmux");
    Files.writeString(fake, "#!/bin/sh\nexec sleep 5\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
    TmuxClient client = new TmuxClient(fake.toString(), "x", Duration.ofMillis(300));
    assertThatThrownBy(() -> client.paneInfo("s:1")).isInstanceOf(TmuxTimeoutException.class);
  }
}
