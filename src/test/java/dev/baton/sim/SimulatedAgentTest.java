package dev.baton.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.agents.AgentState;
import dev.baton.agents.CliKind;
import dev.baton.agents.CliPatternCatalog;
import dev.baton.agents.CliPatterns;
import dev.baton.tmux.Key;
import dev.baton.tmux.TmuxClient;
import dev.baton.tmux.TmuxTestServer;
import dev.baton.tmux.WindowSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator's misbehaviours, driven with plain tmux keys. */
class SimulatedAgentTest {

  @TempDir static Path dir;
  static TmuxTestServer server;
  static TmuxClient tmux;
  static final AtomicInteger N = new AtomicInteger();
  static final CliPatterns PATTERNS = CliPatternCatalog.shipped().patterns(CliKind.SIMULATED);
  static final List<Long> PIDS = new ArrayList<>();

  @BeforeAll
  static void start() {
    server = TmuxTestServer.start();
    tmux = server.client();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    for (long pid : PIDS) {
      ProcessHandle.of(pid)
          .ifPresent(p -> p.onExit().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join());
    }
  }

  record Run(String target, Path boardFile, Path log) {
    String board() throws IOException {
      return Files.readString(boardFile, StandardCharsets.UTF_8);
    }

    String logText() throws IOException {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    AgentState state() {
      return PATTERNS.classify(tmux.capture(target, 40, false));
    }

    void prompt(String text) {
      tmux.sendLiteral(target, text);
      tmux.sendKey(target, Key.ENTER);
    }
  }

  static Run open(String... options) throws IOException {
    int n = N.incrementAndGet();
    Path folder = Files.createDirectories(dir.resolve("p" + n));
    Path board = folder.resolve("CLAUDE.md");
    Path log = folder.resolve("sim.log");
    Files.writeString(
        board,
        """
        ## Task Assignment Queue
        | ID | Task | Assigned To | Priority | Status | Created |
        |----|------|-------------|----------|--------|---------|
        | T-001 | a | Sim (w1) | LOW | IN_PROGRESS | 2026-11-26 |
        | T-002 | b | Sim (w1) | LOW | IN_PROGRESS | 2026-11-26 |

        ## Task Completion Log
        | Date | Agent | Task | Status | Note |
        |------|-------|------|--------|------|
        """);
    List<String> args = new ArrayList<>(List.of("--log", log.toString()));
    args.addAll(List.of(options));
    String window = "s" + n;
    PIDS.add(
        tmux.newWindow(
                server.session(),
                WindowSpec.of(window, SimLauncher.fromCurrentJvm().command("Sim", board, args)))
            .pid());
    Run run = new Run(server.session() + ":" + window, board, log);
    await().atMost(Duration.ofSeconds(20)).until(() -> run.state() == AgentState.IDLE);
    return run;
  }

  @Test
  void rateLimitOnceBlocksTheFirstTaskThenWorks() throws IOException {
    Run run = open("--work", "200ms", "--rate-limit-once");
    run.prompt("Tâche T-001 : a");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> run.board().contains("| Sim | T-001 | BLOCKED | crédits épuisés |"));
    await().atMost(Duration.ofSeconds(5)).until(() -> run.state() == AgentState.RATE_LIMITED);
    run.prompt("Tâche T-002 : b");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> run.board().contains("| Sim | T-002 | COMPLETED |"));
    assertThat(run.board()).contains("| T-001 | a | Sim (w1) | LOW | BLOCKED |");
  }

  @Test
  void technicalFailureOnce() throws IOException {
    Run run = open("--work", "200ms", "--fail-technical-once");
    run.prompt("Tâche T-001 : a");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> run.board().contains("| Sim | T-001 | BLOCKED | erreur technique: "));
  }

  @Test
  void testPromptsRunTheCommandAndReportHonestly() throws IOException {
    Run pass = open("--work", "100ms", "--test-command", "test -f CLAUDE.md && echo all good");
    pass.prompt("Tâche T-001 (tests) : Lance les tests de la feature « a ».");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> pass.board().contains("| Sim | T-001 | COMPLETED | PASSED: "));
    assertThat(pass.board()).contains("(all good)");

    Run fail = open("--work", "100ms", "--test-command", "echo '2 tests failed'; exit 3");
    fail.prompt("Task T-002 (tests): Run the tests of the feature \"b\".");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> fail.board().contains("| Sim | T-002 | BLOCKED | FAILED: "));
    assertThat(fail.board())
        .contains("exit 3")
        .contains("2 tests failed")
        .contains("| T-002 | b | Sim (w1) | LOW | BLOCKED |");
  }

  @Test
  void fixPromptsRunTheFixCommand() throws IOException {
    Run run = open("--work", "100ms", "--fix-command", "touch fixed.flag");
    run.prompt("Tâche T-001 (correction) : corrige");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> run.board().contains("| Sim | T-001 | COMPLETED | correctif appliqué"));
    assertThat(run.boardFile().getParent().resolve("fixed.flag")).exists();
  }

  @Test
  void hangStaysBusyUntilEscape() throws IOException {
    Run run = open("--hang");
    run.prompt("Tâche T-001 : a");
    await().atMost(Duration.ofSeconds(5)).until(() -> run.state() == AgentState.BUSY);
    tmux.sendKey(run.target(), Key.ESCAPE);
    await().atMost(Duration.ofSeconds(5)).until(() -> run.state() == AgentState.IDLE);
    assertThat(tmux.capture(run.target(), 40, false)).contains("■ Interrupted");
    assertThat(run.board()).contains("| T-001 | a | Sim (w1) | LOW | IN_PROGRESS |");
    assertThat(run.logText()).contains("INTERRUPTED T-001");
  }

  @Test
  void ctrlUClearsTheLineAndBackspaceEdits() throws IOException {
    Run run = open("--work", "100ms");
    tmux.sendLiteral(run.target(), "garbage");
    tmux.sendKey(run.target(), Key.CTRL_U);
    tmux.sendLiteral(run.target(), "Tâche T-001 : a");
    tmux.sendKey(run.target(), Key.ENTER);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> run.board().contains("| Sim | T-001 | COMPLETED |"));
    assertThat(run.logText()).contains("PROMPT T-001 chars=15").doesNotContain("garbage");
  }
}
