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
        WindowSpec.of(name, List.of("sh", "-c", "stty raw -echo; exec cat > \"$0\"", out.toString())));
    String target = server.session() + ":" + name;
    await().atMost(Duration.ofSeconds(10)).until(() -> tmux.paneInfo(target).currentCommand().equals("cat"));
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
        "Tâche T-005 : écrire « ça » — ✓ 漢字 🚀",
        "tab\there"
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
        tmux.newWindow(server.session(), WindowSpec.of(name, List.of("sh", "-c", "printf 'one\\ntwo\\nthree\\n'; exec cat")));
    String target = server.session() + ":" + name;
    await().atMost(Duration.ofSeconds(10)).until(() -> tmux.capture(target, 10, false).contains("three"));
    assertThat(tmux.capture(target, 2, false)).isEqualTo("two\nthree");
    PaneInfo info = tmux.paneInfo(target);
    assertThat(info.paneId()).isEqualTo(created.paneId());
    assertThat(info.dead()).isFalse();
    assertThat(info.inMode()).isFalse();
    assertThat(info.pid()).isPositive();
    assertThat(tmux.listWindows(server.session())).extracting(WindowInfo::name).contains(name);
    assertThat(tmux.listPanes(server.session())).extracting(PaneInfo::paneId).contains(created.paneId());

    tmux.enterCopyMode(target);
    assertThat(tmux.paneInfo(target).inMode()).isTrue();
    tmux.exitCopyMode(target);
    assertThat(tmux.paneInfo(target).inMode()).isFalse();
    tmux.exitCopyMode(target); // not in a mode: nothing to do, no error
  }

  @Test
  void deadPaneIsATypedError() {
    String name = "dead" + WINDOWS.incrementAndGet();
    tmux.newWindow(server.session(), WindowSpec.of(name, List.of("sh", "-c", "sleep 0.3")));
    String target = server.session() + ":" + name;
    tmux.setWindowOption(target, "remain-on-exit", "on");
    await().atMost(Duration.ofSeconds(10)).until(() -> tmux.paneInfo(target).dead());
    assertThatThrownBy(() -> tmux.sendLiteral(target, "hello")).isInstanceOf(DeadPaneException.class);
    assertThatThrownBy(() -> tmux.sendKey(target, Key.ENTER)).isInstanceOf(DeadPaneException.class);
    assertThatThrownBy(() -> tmux.paste(target, "a\nb")).isInstanceOf(DeadPaneException.class);
  }

  @Test
  void wrongTargetIsATypedErrorWithTmuxMessage() {
    assertThatThrownBy(() -> tmux.sendLiteral(server.session() + ":nosuchwindow", "x"))
        .isInstanceOf(UnknownTargetException.class)
        .satisfies(e -> assertThat(((TmuxException) e).tmuxMessage()).contains("can't find window"));
    assertThatThrownBy(() -> tmux.paneInfo("nosuchsession:1"))
        .isInstanceOf(UnknownTargetException.class)
        .satisfies(e -> assertThat(((TmuxException) e).tmuxMessage()).contains("can't find session"));
    assertThat(tmux.hasSession("nosuchsession")).isFalse();
    assertThat(tmux.hasSession(server.session())).isTrue();
  }

  @Test
  void targetsThatCouldBeReadAsFlagsOrCommandsAreRefused() {
    assertThatThrownBy(() -> tmux.sendLiteral("-t", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tmux.sendLiteral("s;kill-server", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tmux.capture("s:1 -e", 5, false)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tmux.newWindow("-d", WindowSpec.of("w", List.of()))).isInstanceOf(IllegalArgumentException.class);
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
      assertThatThrownBy(() -> client.sendLiteral("t:0", "x")).isInstanceOf(TmuxServerNotRunningException.class);
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
