package dev.baton.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.baton.agents.AgentUnreachableException.Reason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reliable submit against simulated agents in a real tmux server on a private socket. */
class PromptSubmitterTest {

  @TempDir static Path dir;
  static SimWindows sims;
  static PromptSubmitter submitter;

  @BeforeAll
  static void start() {
    sims = new SimWindows(dir, TmuxProperties.defaults());
    submitter = sims.submitter();
  }

  @AfterAll
  static void stop() {
    if (sims != null) {
      sims.close();
    }
  }

  private static String taskPrompt(String id) {
    return new PromptTemplates(null, "fr")
        .render(
            PromptKind.TASK,
            "fr",
            Map.of(
                "taskId",
                id,
                "description",
                "Crée /tmp/x.txt",
                "board",
                "CLAUDE.md",
                "agent",
                "Sim"));
  }

  @Test
  void promptIsSubmittedOnceAndTheAgentUpdatesTheBoard() {
    SimWindows.Sim sim = sims.open("AMP", List.of("T-001"), "--work", "300ms");
    SubmitResult r = submitter.submit(sim.agent(), taskPrompt("T-001"));
    assertThat(r.enterPresses()).isEqualTo(1);
    assertThat(r.confirmedBy()).isIn(AgentState.BUSY, AgentState.IDLE);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> sim.boardText().contains("| AMP | T-001 | COMPLETED |"));
    assertThat(sim.boardText()).contains("| T-001 | tâche T-001 | AMP (w");
    assertThat(sim.boardText())
        .containsPattern("\\| T-001 \\|[^\\n]*\\| COMPLETED \\| 2026-11-26 \\|");
    assertThat(sim.prompts()).containsExactly(taskPrompt("T-001"));
  }

  @Test
  void enterSwallowingAgentStillGetsItsPromptOnce() {
    SimWindows.Sim sim =
        sims.open("Codex", List.of("T-002"), "--work", "300ms", "--swallow-first-enter");
    SubmitResult r = submitter.submit(sim.agent(), taskPrompt("T-002"));
    assertThat(r.enterPresses()).isGreaterThanOrEqualTo(2);
    assertThat(sim.logLines()).anyMatch(l -> l.contains("ENTER_SWALLOWED"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> sim.boardText().contains("| Codex | T-002 | COMPLETED |"));
    assertThat(sim.prompts()).containsExactly(taskPrompt("T-002"));
  }

  @Test
  void awkwardTextArrivesIntact() {
    SimWindows.Sim sim = sims.open("Quirky", List.of("T-003"), "--work", "200ms");
    List<String> texts =
        List.of(
            "T-003 say \"hi\" and 'bye'; then $(rm -rf /) `id` ${HOME} ;",
            "T-003 Enter C-c Escape C-u -- -n ;;",
            "T-003 Tâche « ça » — ✓ 漢字 🚀 ü",
            "T-003 multi\nline\nprompt with \"quotes\"");
    for (String text : texts) {
      submitter.submit(sim.agent(), text);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> sims.probe().state(sim.agent()) == AgentState.IDLE);
    }
    assertThat(sim.prompts()).containsExactlyElementsOf(texts);
  }

  @Test
  void tenKilobytePromptArrivesIntact() {
    SimWindows.Sim sim =
        sims.open("Big", List.of("T-004"), "--work", "200ms", "--swallow-first-enter");
    StringBuilder big = new StringBuilder("Tâche T-004 : ");
    while (big.length() < 10_240) {
      big.append("mot ").append(big.length()).append(" « é » $(x); ");
    }
    SubmitResult r = submitter.submit(sim.agent(), big.toString());
    assertThat(r.pasted()).isTrue();
    assertThat(sim.prompts()).containsExactly(big.toString());
  }

  @Test
  void silentAgentIsConfirmedByTheInputLineEmptying() {
    SimWindows.Sim sim = sims.open("Mute", List.of("T-005"), "--silent");
    SubmitResult r = submitter.submit(sim.agent(), taskPrompt("T-005"));
    assertThat(r.confirmedBy()).isEqualTo(AgentState.IDLE);
    assertThat(r.enterPresses()).isEqualTo(1);
    assertThat(sim.prompts()).hasSize(1);
  }

  @Test
  void copyModeIsLeftBeforeTyping() {
    SimWindows.Sim sim = sims.open("Copy", List.of("T-006"), "--work", "200ms");
    sims.tmux.enterCopyMode(sim.agent().target());
    submitter.submit(sim.agent(), taskPrompt("T-006"));
    assertThat(sim.prompts()).containsExactly(taskPrompt("T-006"));
  }

  @Test
  void noKeyIsTypedIntoADialog() {
    SimWindows.Sim sim = sims.open("Trust", List.of("T-007"), "--trust-dialog");
    assertThatThrownBy(() -> submitter.submit(sim.agent(), taskPrompt("T-007")))
        .isInstanceOf(AgentUnreachableException.class)
        .satisfies(
            e -> {
              AgentUnreachableException u = (AgentUnreachableException) e;
              assertThat(u.reason()).isEqualTo(Reason.WAITING_FOR_USER);
              assertThat(u.lastLines()).anyMatch(l -> l.contains("Do you trust the files"));
            });
    // the dialog is still up: no Enter or Escape reached it
    assertThat(sims.probe().state(sim.agent())).isEqualTo(AgentState.WAITING_FOR_USER);
    assertThat(sim.logLines()).noneMatch(l -> l.contains("DIALOG"));
  }

  @Test
  void deadPaneIsReportedAsUnreachable() {
    SimWindows.Sim sim = sims.open("Gone", List.of("T-008"));
    sims.tmux.sendKey(sim.agent().target(), dev.baton.tmux.Key.CTRL_C);
    sims.tmux.sendKey(sim.agent().target(), dev.baton.tmux.Key.CTRL_C);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> sims.tmux.paneInfo(sim.agent().target()).dead());
    assertThat(sims.probe().state(sim.agent())).isEqualTo(AgentState.DEAD);
    assertThatThrownBy(() -> submitter.submit(sim.agent(), taskPrompt("T-008")))
        .isInstanceOf(AgentUnreachableException.class)
        .satisfies(
            e -> assertThat(((AgentUnreachableException) e).reason()).isEqualTo(Reason.DEAD_PANE));
  }

  @Test
  void unreachableAfterRetriesWhenTheAgentNeverTakesTheEnter() {
    SimWindows.Sim sim = sims.open("Deaf", List.of("T-009"), "--swallow-first-enter");
    TmuxProperties oneEnter =
        new TmuxProperties(
            "t",
            null,
            Duration.ofSeconds(5),
            Duration.ofMillis(200),
            Duration.ofMillis(100),
            Duration.ofMillis(600),
            Duration.ofSeconds(2),
            400,
            40,
            Duration.ofMillis(500),
            Duration.ofMillis(2500),
            false);
    PromptSubmitter impatient =
        new PromptSubmitter(
            sims.tmux, sims.probe(), oneEnter, java.time.Clock.systemUTC(), Pause.REAL);
    assertThatThrownBy(() -> impatient.submit(sim.agent(), taskPrompt("T-009"), 0))
        .isInstanceOf(AgentUnreachableException.class)
        .satisfies(
            e -> {
              AgentUnreachableException u = (AgentUnreachableException) e;
              assertThat(u.reason()).isEqualTo(Reason.NOT_SUBMITTED);
              assertThat(u.lastLines()).anyMatch(l -> l.startsWith("› ") && l.contains("T-009"));
              assertThat(u.getMessage()).contains("unreachable (NOT_SUBMITTED)");
            });
    assertThat(sim.prompts()).isEmpty();
  }

  @Test
  void wrongTargetIsUnreachableWithTheTmuxError() {
    Agent ghost =
        new Agent(
            "Ghost",
            sims.server.session() + ":nowhere",
            CliKind.SIMULATED,
            false,
            "w9",
            null,
            CliPatternCatalog.shipped().patterns(CliKind.SIMULATED));
    assertThatThrownBy(() -> submitter.submit(ghost, "T-010 hello"))
        .isInstanceOf(AgentUnreachableException.class)
        .satisfies(
            e -> assertThat(((AgentUnreachableException) e).reason()).isEqualTo(Reason.TMUX_ERROR))
        .hasRootCauseInstanceOf(dev.baton.tmux.UnknownTargetException.class);
  }
}
