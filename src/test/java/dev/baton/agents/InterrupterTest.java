package dev.baton.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.tmux.Key;
import dev.baton.tmux.PaneInfo;
import dev.baton.tmux.TmuxClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Interrupt policy against a scripted pane and a clock that only moves when someone waits. */
class InterrupterTest {

  /** Time moves only through {@link #sleep}. */
  static final class FakeTime extends Clock implements Pause {
    Instant now = Instant.parse("2026-11-26T10:00:00Z");

    @Override
    public void sleep(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  record Sent(Key key, Instant at) {}

  /**
   * A pane showing a busy agent. {@code stopsOnEscape}: Escape makes it idle; {@code stopsOnCtrlC}:
   * C-c does.
   */
  static final class ScriptedPane extends TmuxClient {
    final FakeTime time;
    final List<Sent> sent = new ArrayList<>();
    boolean busy = true;
    boolean stopsOnEscape;
    boolean stopsOnCtrlC;
    String idleScreen = "› \n  ? for shortcuts";

    ScriptedPane(FakeTime time) {
      super("tmux-not-called", null, Duration.ofSeconds(1));
      this.time = time;
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
      return busy
          ? "⠙ Working on T-001 (3s • esc to interrupt)\n› \n  esc to interrupt"
          : idleScreen;
    }

    @Override
    public void exitCopyMode(String target) {}

    @Override
    public void sendKey(String target, Key key) {
      sent.add(new Sent(key, time.instant()));
      if ((key == Key.ESCAPE && stopsOnEscape) || (key == Key.CTRL_C && stopsOnCtrlC)) {
        busy = false;
      }
    }
  }

  private final FakeTime time = new FakeTime();
  private final ScriptedPane pane = new ScriptedPane(time);
  private final Agent agent =
      new Agent(
          "Sim",
          "s:1",
          CliKind.SIMULATED,
          false,
          "w1",
          null,
          CliPatternsTest.CATALOG.patterns(CliKind.SIMULATED));
  private final Interrupter interrupter =
      new Interrupter(pane, new StateProbe(pane, 40), TmuxProperties.defaults(), time, time);

  @Test
  void escapeAloneWhenItWorks() {
    pane.stopsOnEscape = true;
    InterruptResult r = interrupter.interrupt(agent);
    assertThat(r).isEqualTo(new InterruptResult(true, false, AgentState.IDLE));
    assertThat(pane.sent).extracting(Sent::key).containsExactly(Key.ESCAPE);
  }

  @Test
  void ctrlCOnlyAfterEscapeFailed() {
    pane.stopsOnCtrlC = true;
    InterruptResult r = interrupter.interrupt(agent);
    assertThat(r).isEqualTo(new InterruptResult(true, true, AgentState.IDLE));
    assertThat(pane.sent).extracting(Sent::key).containsExactly(Key.ESCAPE, Key.CTRL_C);
    assertThat(Duration.between(pane.sent.get(0).at(), pane.sent.get(1).at()))
        .isGreaterThanOrEqualTo(TmuxProperties.defaults().escapeGrace());
  }

  @Test
  void nothingIsSentToAnIdleAgentOrADialog() {
    pane.busy = false;
    assertThat(interrupter.interrupt(agent))
        .isEqualTo(new InterruptResult(false, false, AgentState.IDLE));
    pane.idleScreen =
        " Do you trust the files in this folder?\n ❯ 1. Yes, proceed (y)\n   2. No, exit";
    assertThat(interrupter.interrupt(agent))
        .isEqualTo(new InterruptResult(false, false, AgentState.WAITING_FOR_USER));
    assertThat(pane.sent).isEmpty();
  }

  /** Whatever the pace of calls, two C-c to one pane are never closer than the gap. */
  @Property(tries = 50)
  void neverTwoCtrlCWithinTheGap(
      @ForAll @Size(min = 2, max = 8) List<@IntRange(min = 0, max = 4000) Integer> pausesMs) {
    FakeTime t = new FakeTime();
    ScriptedPane stubborn = new ScriptedPane(t); // ignores both keys: stays busy
    Interrupter i =
        new Interrupter(stubborn, new StateProbe(stubborn, 40), TmuxProperties.defaults(), t, t);
    for (int pause : pausesMs) {
      i.interrupt(agent);
      t.sleep(Duration.ofMillis(pause));
    }
    List<Instant> ctrlC =
        stubborn.sent.stream().filter(s -> s.key() == Key.CTRL_C).map(Sent::at).toList();
    assertThat(ctrlC).hasSize(pausesMs.size());
    for (int k = 1; k < ctrlC.size(); k++) {
      assertThat(Duration.between(ctrlC.get(k - 1), ctrlC.get(k)))
          .isGreaterThanOrEqualTo(Duration.ofMillis(2500));
    }
  }
}
