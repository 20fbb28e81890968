package dev.baton.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.baton.run.Happened.*;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RunEventTest {
  static final Instant T0 = Instant.parse("2026-03-01T10:15:30Z");

  /** One event of every kind, with fields set so that a lost field shows. */
  static final List<Happened> ONE_OF_EACH =
      List.of(
          new RunStarted(2251799813685249L),
          new RunReattached(42),
          new RunResumed("Task_SendPrompt", 43),
          new NotResumed("the board is unreadable"),
          new PhaseChanged(Phase.TEST),
          new Decomposed("T-000", TaskSource.PLANNED, List.of("T-001", "T-002")),
          new PlanRowIgnored("line 12: no task text"),
          new TestsPlanned(3),
          new RunCancelled(),
          new Stalled("the run stalled: nothing moved for 30 min"),
          new RunFailed("no agent left", List.of("T-003")),
          new AgentsLost("T-004", "the tmux server is gone"),
          new Incident("T-005", "check-status", "boom"),
          new BoardRepaired("T-006", "row T-006 put back"),
          new NeedsYou("T-007", "AMP", "dialog", "a dialog is open", "answer it"),
          new WaitingForAgent("T-008"),
          new PromptSubmitted("T-009", "Codex", "task", Duration.ofMillis(812), 3),
          new SubmitRetried("T-009", "Codex", 2),
          new Reacted("T-010", "AMP", "T-009", Duration.ofMillis(171)),
          new AlreadyPrompted("T-011", "AMP"),
          new PromptUnsent("T-012", "Codex"),
          new TaskCompleted("T-013", "AMP"),
          new TaskBlocked("T-014", "AMP", "credits", "out of credits", true, T0.plusSeconds(3600)),
          new ScreenEnded("T-015", "Gemini", "EXITED"),
          new IdleOnTask("T-016", "AMP", "IN_PROGRESS"),
          new Silent("T-017", "AMP", 2, "IDLE"),
          new Stuck("T-018", "Codex", 5),
          new Interrupted(
              "T-019",
              "Codex",
              "silent for 2 poll(s)",
              true,
              false,
              List.of("› ", "esc to interrupt")),
          new Unreachable("T-020", "AMP", "window 4 is gone"),
          new AgentGone("T-021", "Doomed", "DEAD", "T-001"),
          new Reassigned("T-022", "AMP", "technical"),
          new GivenUp("T-023", "AMP", "6 prompts sent"),
          new DependencyGone("T-024", "AMP", "T-001"),
          new GuardHit("T-025", "AMP", "guard: 6 prompts for T-025"),
          new TestVerdict("T-026", "AMP", "T-001", false, 2),
          new Escalated("T-026", "AMP", "T-001", 3),
          new Merged("T-027", "AMP", "0123456789abcdef0123456789abcdef01234567"),
          new MergeConflict("T-028", "Codex", List.of("README.md", "src/app.js")),
          new MergeGivenUp("T-029", "Codex", "README.md", "baton/run-1-Codex-T-029"));

  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  @Test
  void theSamplesCoverEveryKindOfEvent() {
    Set<Class<?>> covered = ONE_OF_EACH.stream().map(Object::getClass).collect(Collectors.toSet());
    assertThat(covered)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.asList(Happened.class.getPermittedSubclasses()));
  }

  @Test
  void everyKindRoundTripsThroughJsonWithItsSentenceAndKindWord() throws Exception {
    for (Happened what : ONE_OF_EACH) {
      RunEvent event = new RunEvent(T0, "run-1", what);
      String text = json.writeValueAsString(event);
      RunEvent back = json.readValue(text, RunEvent.class);
      assertThat(back).as(text).isEqualTo(event);
      var tree = json.readTree(text);
      assertThat(tree.get("kind").asText()).as(text).isEqualTo(what.kind()).isNotBlank();
      assertThat(tree.get("message").asText())
          .as(text)
          .isEqualTo(EventLine.of(what))
          .doesNotContain("null");
      assertThat(tree.get("what").get("type").asText()).isEqualTo(what.getClass().getSimpleName());
      assertThat(tree.path("taskId").isNull() ? null : tree.path("taskId").asText())
          .isEqualTo(what.taskId());
    }
  }

  @Test
  void theSentencesUsersKnowStayTheSame() {
    assertThat(EventLine.of(new PromptSubmitted("T-001", "AMP", "task", Duration.ofMillis(812), 3)))
        .isEqualTo("task prompt submitted in 812 ms (3 Enter presses)");
    assertThat(EventLine.of(new PromptSubmitted("T-001", "AMP", "test", Duration.ofMillis(90), 1)))
        .isEqualTo("test prompt submitted in 90 ms");
    assertThat(EventLine.of(new Reacted("T-002", "AMP", "T-001", Duration.ofMillis(171))))
        .isEqualTo("T-001 COMPLETED → T-002 typed latencyMs=171");
    assertThat(EventLine.of(new TaskBlocked("T-001", "AMP", "technical", "mvn fails", false, null)))
        .isEqualTo("BLOCKED (technical): mvn fails");
    assertThat(EventLine.of(new TaskBlocked("T-001", "AMP", "credits", null, true, T0)))
        .isEqualTo("BLOCKED (credits): the screen shows a usage limit until 2026-03-01T10:15:30Z");
    assertThat(EventLine.of(new Reassigned("T-001", "AMP", null)))
        .isEqualTo("taken from AMP (silent), back to PENDING");
    assertThat(EventLine.of(new Reassigned("T-001", "AMP", "unreachable")))
        .isEqualTo("AMP set aside (unreachable); task back to PENDING");
    assertThat(EventLine.of(new PhaseChanged(Phase.DISTRIBUTE))).startsWith("phase ");
    assertThat(EventLine.of(new PhaseChanged(Phase.DONE))).isEqualTo("run done");
    assertThat(EventLine.of(new RunFailed(null, List.of("T-001", "T-002"))))
        .isEqualTo("the run cannot go on; back to PENDING: T-001, T-002");
    assertThat(EventLine.of(new AgentGone("T-001", "AMP", null, null)))
        .isEqualTo("AMP left the pool: its pane is gone");
    assertThat(EventLine.of(new DependencyGone("T-002", "AMP", null)))
        .startsWith("waits for a task it waits for, which is no longer on the board");
    Interrupted interrupted =
        new Interrupted(
            "T-001",
            "Codex",
            "silent for 2 poll(s)",
            true,
            false,
            List.of("› do `T-001`", "esc to interrupt"));
    assertThat(EventLine.of(interrupted))
        .isEqualTo(
            "silent for 2 poll(s): interrupted with Escape and prompted again; its screen ended with"
                + " `esc to interrupt`:\n› do `T-001`\nesc to interrupt");
    assertThat(EventLine.headline(interrupted))
        .isEqualTo(
            "silent for 2 poll(s): interrupted with Escape and prompted again; its screen ended with"
                + " `esc to interrupt`");
    assertThat(
            EventLine.headline(
                new Interrupted("T-001", "Codex", "silent", false, false, List.of())))
        .isEqualTo(
            "silent: interrupted with no key (it was not busy) and prompted again; its screen was empty");
    assertThat(new TestVerdict("T-004", "AMP", "T-001", true, 1).kind()).isEqualTo("test-passed");
    assertThat(new TestVerdict("T-004", "AMP", "T-001", false, 1).kind()).isEqualTo("test-failed");
  }

  @Test
  void aRunKeepsItsNewestEventsUpToTheCapAndCountsTheOnesDropped() {
    RunEvents events = new RunEvents(Clock.fixed(T0, ZoneOffset.UTC), 3);
    for (int i = 1; i <= 5; i++) {
      events.emit("long", new WaitingForAgent("T-00" + i));
    }
    events.emit("short", new TaskCompleted("T-100", "AMP"));

    RunEvents.History kept = events.history("long");
    assertThat(kept.events())
        .extracting(RunEvent::taskId)
        .containsExactly("T-003", "T-004", "T-005");
    assertThat(kept.dropped()).isEqualTo(2);
    assertThat(kept.total()).isEqualTo(5);
    assertThat(events.of("long")).hasSize(3);
    assertThat(events.history("short").dropped()).isZero();
    assertThat(events.of("short")).extracting(RunEvent::kind).containsExactly("completed");
    assertThat(events.history("never")).isEqualTo(new RunEvents.History(List.of(), 0));

    // a reader (the live page) that had 4 events is owed the 5th; one that had 1 gets what is still
    // kept
    assertThat(kept.after(4)).extracting(RunEvent::taskId).containsExactly("T-005");
    assertThat(kept.after(1))
        .extracting(RunEvent::taskId)
        .containsExactly("T-003", "T-004", "T-005");
    assertThat(kept.after(5)).isEmpty();
  }

  @Test
  void aCapBelowOneIsRefusedWithTheSettingsName() {
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RunEvents(clock, 0))
        .hasMessageContaining("baton.events.history-cap");
  }
}
