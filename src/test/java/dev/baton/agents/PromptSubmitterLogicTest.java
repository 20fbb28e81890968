package dev.baton.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.agents.InterrupterTest.FakeTime;
import dev.baton.tmux.Key;
import dev.baton.tmux.PaneInfo;
import dev.baton.tmux.TmuxClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Submit decisions against a scripted screen, with time that moves only when waiting. */
class PromptSubmitterLogicTest {

  /** Shows whatever the test sets as the input line; records keys and text. */
  static final class ScriptedInput extends TmuxClient {
    final List<String> calls = new ArrayList<>();
    String input = "";
    String status = "";

    /** Output above the screen's own lines, e.g. an old limit message. */
    String above = "";

    List<String> afterEnter = new ArrayList<>();

    /**
     * The rest of the echo, shown once {@code echoCaptures} more captures were taken; null when all
     * shown.
     */
    String pendingEcho;

    int echoCaptures = 1;
    boolean neverEcho;
    boolean busyOnType;

    ScriptedInput() {
      super("tmux-not-called", null, Duration.ofSeconds(1));
    }

    @Override
    public PaneInfo paneInfo(String target) {
      return new PaneInfo("s", 1, "w", 0, "%1", false, false, "java", 1, true);
    }

    @Override
    public dev.baton.tmux.PaneScreen captureScreen(String target) {
      return new dev.baton.tmux.PaneScreen(capture(target, 40, false), -1, false);
    }

    @Override
    public dev.baton.tmux.PaneLook look(String target) {
      return new dev.baton.tmux.PaneLook(paneInfo(target), captureScreen(target));
    }

    @Override
    public String capture(String target, int lines, boolean escapes) {
      if (pendingEcho != null && !neverEcho && --echoCaptures <= 0) {
        input += pendingEcho;
        pendingEcho = null;
      }
      return above
          + " ✦ Simulated agent\n"
          + status
          + "\n────\n› "
          + input
          + "\n────\n  ? for shortcuts";
    }

    @Override
    public void exitCopyMode(String target) {}

    @Override
    public void sendKey(String target, Key key) {
      calls.add(key == Key.ENTER && pendingEcho != null ? "ENTER_BEFORE_ECHO" : key.name());
      if (key == Key.CTRL_U) {
        input = "";
      }
      if (key == Key.ENTER && !afterEnter.isEmpty()) {
        input = afterEnter.removeFirst();
      }
    }

    @Override
    public void sendLiteral(String target, String text) {
      calls.add("TEXT");
      if (busyOnType) {
        status = "⠙ Working on T-001 (0s • esc to interrupt)";
        return;
      }
      input = text.substring(0, text.length() / 2); // echo still arriving
      pendingEcho = text.substring(text.length() / 2);
    }

    @Override
    public void paste(String target, String text) {
      calls.add("PASTE");
      input =
          placeholder != null
              ? placeholder
              : "…" + text.substring(Math.max(0, text.length() - 60)); // shown cut at its start
    }

    String placeholder;
  }

  private final FakeTime time = new FakeTime();
  private final ScriptedInput pane = new ScriptedInput();
  private final Agent agent =
      new Agent(
          "Sim",
          "s:1",
          CliKind.SIMULATED,
          false,
          "w1",
          null,
          CliPatternsTest.CATALOG.patterns(CliKind.SIMULATED));
  private final PromptSubmitter submitter =
      new PromptSubmitter(pane, new StateProbe(pane, 40), TmuxProperties.defaults(), time, time);

  private static final String PROMPT =
      "Tâche T-001 : crée le fichier demandé puis mets à jour le tableau";

  @Test
  void moreOfThePromptShowingUpIsNotASubmission() {
    // the first Enter is taken while the echo is still arriving: the line changes, but to more
    // prompt text
    pane.afterEnter.add("…" + PROMPT.substring(PROMPT.length() - 20));
    pane.afterEnter.add("");
    SubmitResult r = submitter.submit(agent, PROMPT);
    assertThat(r.enterPresses()).isEqualTo(2);
    assertThat(r.confirmedBy()).isEqualTo(AgentState.IDLE);
    assertThat(pane.calls).containsExactly("CTRL_U", "TEXT", "ENTER", "ENTER");
  }

  @Test
  void anIdleCodexBelowTheLastTurnsUsageLimitTakesAPromptAndTheOldLimitIsNoSignOfSubmission() {
    Agent codex =
        new Agent(
            "Codex",
            "s:1",
            CliKind.CODEX,
            false,
            "w2",
            null,
            CliPatternsTest.CATALOG.patterns(CliKind.CODEX));
    String at =
        java.time.LocalTime.now(java.time.ZoneId.systemDefault())
            .plusHours(2)
            .format(java.time.format.DateTimeFormatter.ofPattern("h:mm a", java.util.Locale.ROOT));
    pane.above =
        "■ You’ve hit your usage limit. Upgrade to Pro, or try again at "
            + at
            + ".\n"
            + "\n".repeat(12);
    assertThat(new StateProbe(pane, 40).state(codex)).isEqualTo(AgentState.RATE_LIMITED);
    pane.afterEnter.add(PROMPT); // the first Enter is swallowed: the prompt stays in the input
    pane.afterEnter.add("");
    SubmitResult r = submitter.submit(codex, PROMPT);
    assertThat(r.enterPresses()).isEqualTo(2);
    assertThat(r.confirmedBy()).isEqualTo(AgentState.IDLE);
  }

  @Test
  void aPlaceholderAfterEnterIsASubmission() {
    pane.afterEnter.add("Ask the simulated agent to do anything");
    assertThat(submitter.submit(agent, PROMPT).enterPresses()).isEqualTo(1);
  }

  @Test
  void longOrMultiLineTextIsPasted() {
    pane.afterEnter.add("");
    assertThat(submitter.submit(agent, "T-002 line one\nline two").pasted()).isTrue();
    pane.afterEnter.add("");
    assertThat(submitter.submit(agent, "T-003 " + "x".repeat(500)).pasted()).isTrue();
    assertThat(pane.calls).containsExactly("CTRL_U", "PASTE", "ENTER", "CTRL_U", "PASTE", "ENTER");
  }

  @Test
  void givesUpAfterTheConfiguredRetriesWithTheScreen() {
    assertThatThrownBy(() -> submitter.submit(agent, PROMPT))
        .isInstanceOf(AgentUnreachableException.class)
        .hasMessageContaining("NOT_SUBMITTED")
        .hasMessageContaining("after 5 Enter presses");
    assertThat(pane.calls.stream().filter("ENTER"::equals)).hasSize(5);
  }

  @Test
  void aSlowEchoGetsItsEnterOnlyOnceTheTextShows() {
    pane.echoCaptures = 40; // about 1 s at the 25 ms poll, well past the 500 ms submit delay
    pane.afterEnter.add("");
    SubmitResult r = submitter.submit(agent, PROMPT);
    assertThat(pane.calls).containsExactly("CTRL_U", "TEXT", "ENTER");
    assertThat(r.elapsed()).isGreaterThan(Duration.ofMillis(900));
  }

  @Test
  void anEchoThatShowsAtOnceIsSubmittedWithoutTheFixedPause() {
    pane.afterEnter.add("");
    SubmitResult r = submitter.submit(agent, PROMPT);
    assertThat(pane.calls).containsExactly("CTRL_U", "TEXT", "ENTER");
    assertThat(r.elapsed()).isLessThan(Duration.ofMillis(200));
  }

  @Test
  void theFixedPauseStaysAvailableBehindTheSetting() {
    PromptSubmitter fixed =
        new PromptSubmitter(
            pane,
            new StateProbe(pane, 40),
            TmuxProperties.defaults().withEchoConfirm(false, Duration.ofMillis(100)),
            time,
            time);
    pane.afterEnter.add("");
    SubmitResult r = fixed.submit(agent, PROMPT);
    assertThat(r.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(500));
  }

  @Test
  void textThatNeverShowsGetsNoEnter() {
    pane.neverEcho = true;
    pane.status = "earlier: " + PROMPT; // the same words above the input line are not the input
    assertThatThrownBy(() -> submitter.submit(agent, PROMPT))
        .isInstanceOfSatisfying(
            AgentUnreachableException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(AgentUnreachableException.Reason.NOT_SUBMITTED);
              assertThat(e.getMessage())
                  .contains("did not show in the input line")
                  .contains("Enter not pressed");
            });
    assertThat(pane.calls)
        .as("no Enter, and what was typed is cleared")
        .containsExactly("CTRL_U", "TEXT", "CTRL_U");
  }

  @Test
  void aPastePlaceholderCountsAsTheTextShowing() {
    pane.placeholder = "[Pasted text #1 +2 lines]";
    pane.afterEnter.add("");
    SubmitResult r = submitter.submit(agent, "T-004 line one\nline two");
    assertThat(r.pasted()).isTrue();
    assertThat(pane.calls).containsExactly("CTRL_U", "PASTE", "ENTER");
  }

  @Test
  void aCliThatStartsOnTheTextAloneCountsAsSubmitted() {
    pane.busyOnType = true;
    SubmitResult r = submitter.submit(agent, PROMPT);
    assertThat(r.confirmedBy()).isEqualTo(AgentState.BUSY);
  }

  @Test
  void refusesToTypeWhileTheAgentStaysBusy() {
    pane.status = "⠙ Working on T-000 (99s • esc to interrupt)";
    assertThatThrownBy(() -> submitter.submit(agent, PROMPT))
        .isInstanceOf(AgentUnreachableException.class)
        .hasMessageContaining("STILL_BUSY");
    assertThat(pane.calls).isEmpty();
  }
}
