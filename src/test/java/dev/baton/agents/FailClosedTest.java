package dev.baton.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.agents.AgentUnreachableException.Reason;
import dev.baton.tmux.PaneInfo;
import dev.baton.tmux.TmuxTestServer;
import dev.baton.tmux.WindowSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real panes showing real CLI screens from the corpus: Baton types nothing into a dialog, a login,
 * an error, a retry or a screen it cannot read; it waits up to the ready timeout, then fails with
 * AGENT_UNREACHABLE carrying the state, the explanation and the last screen lines. The pane is
 * unchanged afterwards (a terminal echoes what is typed, so any key would show).
 */
class FailClosedTest {

  private static TmuxTestServer tmux;

  @BeforeAll
  static void start() {
    tmux = TmuxTestServer.start();
  }

  @AfterAll
  static void stop() {
    if (tmux != null) {
      tmux.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "real/codex/codex_trust.txt, codex, WAITING_FOR_USER, WAITING_FOR_USER",
    "real/gemini/gemini_auth_code.txt, gemini, WAITING_FOR_USER, WAITING_FOR_USER",
    "real/gemini/gemini_api_key_entry.txt, gemini, WAITING_FOR_USER, WAITING_FOR_USER",
    "real/qwen/qwen_provider.txt, qwen, WAITING_FOR_USER, WAITING_FOR_USER",
    "real/claude/claude_not_logged_in.txt, claude, WAITING_FOR_USER, WAITING_FOR_USER",
    "real/claude/claude_retrying.txt, claude, ERROR, ERROR",
    "real/codex/codex_queued_follow_up.txt, codex, ERROR, ERROR",
    "reconstructed/amp/amp_usage_limit.txt, amp, RATE_LIMITED, RATE_LIMITED",
    "real/amp/amp_login.txt, amp, WAITING_FOR_USER, WAITING_FOR_USER",
    "real/opencode/opencode_typed.txt, codex, UNKNOWN, NOT_IDLE",
  })
  void nothingIsTypedWithoutPositiveIdle(
      String screen, String kind, AgentState state, Reason reason) throws Exception {
    Path file = ScreenCorpus.root().resolve(screen);
    PaneInfo pane =
        tmux.client()
            .newWindow(
                tmux.session(),
                WindowSpec.of(
                    kind + "-" + state,
                    List.of("sh", "-c", "clear; cat '" + file + "'; exec cat > /dev/null")));
    CliKind cli = CliKind.fromId(kind);
    Agent agent =
        new Agent(
            "A", pane.target(), cli, false, "w", null, CliPatternCatalog.shipped().patterns(cli));
    Thread.sleep(300);
    String before = tmux.client().captureScreen(pane.target()).text();
    TmuxProperties quick =
        new TmuxProperties(
            "t",
            null,
            Duration.ofSeconds(5),
            Duration.ofMillis(50),
            Duration.ofMillis(50),
            Duration.ofMillis(300),
            Duration.ofMillis(600),
            400,
            60,
            Duration.ofMillis(300),
            Duration.ofMillis(300),
            false);
    StateProbe probe = new StateProbe(tmux.client(), 60, false, Clock.systemUTC());
    PromptSubmitter submitter =
        new PromptSubmitter(tmux.client(), probe, quick, Clock.systemUTC(), Pause.REAL);

    assertThatThrownBy(() -> submitter.submit(agent, "do the task", 1))
        .isInstanceOfSatisfying(
            AgentUnreachableException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.state()).isEqualTo(state);
              assertThat(e.getMessage())
                  .contains("state " + state)
                  .contains("--- last screen lines ---");
              assertThat(e.explanation()).startsWith("state " + state);
            });
    assertThat(tmux.client().captureScreen(pane.target()).text()).isEqualTo(before);
    tmux.client().killWindow(pane.target());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "real/gemini/gemini_api_key_entry.txt, gemini, WAITING_FOR_USER",
    "real/claude/claude_trust.txt, claude, WAITING_FOR_USER",
    "real/claude/claude_retrying.txt, claude, ERROR",
    "real/opencode/opencode_retrying.txt, opencode, ERROR",
  })
  void noEscapeOrCtrlCReachesAScreenThatIsNotBusy(String screen, String kind, AgentState state)
      throws Exception {
    Path file = ScreenCorpus.root().resolve(screen);
    PaneInfo pane =
        tmux.client()
            .newWindow(
                tmux.session(),
                WindowSpec.of(
                    "int-" + kind,
                    List.of("sh", "-c", "clear; cat '" + file + "'; exec cat > /dev/null")));
    CliKind cli = CliKind.fromId(kind);
    Agent agent =
        new Agent(
            "A", pane.target(), cli, false, "w", null, CliPatternCatalog.shipped().patterns(cli));
    Thread.sleep(300);
    String before = tmux.client().captureScreen(pane.target()).text();
    StateProbe probe = new StateProbe(tmux.client(), 60, false, Clock.systemUTC());
    Interrupter interrupter =
        new Interrupter(
            tmux.client(), probe, TmuxProperties.defaults(), Clock.systemUTC(), Pause.REAL);

    InterruptResult r = interrupter.interrupt(agent);

    assertThat(r.escapeSent()).isFalse();
    assertThat(r.ctrlCSent()).isFalse();
    assertThat(r.finalState()).isEqualTo(state);
    Thread.sleep(200);
    assertThat(tmux.client().captureScreen(pane.target()).text()).isEqualTo(before);
    tmux.client().killWindow(pane.target());
  }
}
