package dev.baton.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.agents.Agent;
import dev.baton.agents.AgentPool;
import dev.baton.agents.AgentRoster;
import dev.baton.agents.CliKind;
import dev.baton.agents.Interrupter;
import dev.baton.agents.Reactions;
import dev.baton.agents.SilenceTracker;
import dev.baton.agents.StateProbe;
import dev.baton.board.BoardStore;
import dev.baton.board.TaskBoard;
import dev.baton.board.TaskId;
import dev.baton.board.TaskStatus;
import dev.baton.run.RunEvent;
import dev.baton.run.RunEvents;
import dev.baton.run.RunJournal;
import dev.baton.run.RunProperties;
import dev.baton.tmux.TmuxTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The check reads facts and acts on nothing; the release step the model routes to acts. With a real
 * tmux server, a real board file and the real pool: an agent whose pane is gone, or whose screen
 * shows a usage limit, stays in the pool as it was until the model's route reaches the release.
 */
class CheckThenReleaseTest {
  @TempDir Path dir;
  TmuxTestServer tmux;
  Clock clock = Clock.systemUTC();
  AgentPool pool;
  RunEvents events;
  TaskBoard board;
  CheckStatusWorker check;
  ReleaseAgentWorker release;

  @BeforeEach
  void setUp() throws Exception {
    tmux = TmuxTestServer.start();
    Path file = dir.resolve("CLAUDE.md");
    Files.writeString(
        file,
        """
        ## Task Assignment Queue
        | ID | Task | Assigned To | Priority | Status | Created |
        |----|------|-------------|----------|--------|---------|
        | T-001 | One | Gone (w1) | MED | IN_PROGRESS | 2026-12-03 run-1 |

        ## Task Completion Log
        | Date | Agent | Task | Status | Note |
        |------|-------|------|--------|------|
        """);
    // its window does not exist on the server: the probe reads a dead agent
    Agent gone =
        new Agent("Gone", tmux.session() + ":nowhere", CliKind.SIMULATED, false, "w1", null, null);
    AgentRoster roster = new AgentRoster(List.of(gone));
    pool =
        new AgentPool(
            List.of("Gone"), clock, a -> true, (t, a) -> {}, Set::copyOf, Duration.ofSeconds(1));
    pool.adopt("T-001", "Gone");
    events = new RunEvents(clock);
    RunJournal journal = new RunJournal(dir, clock);
    board = new TaskBoard(new BoardStore(file, clock), "en");
    StateProbe probe = new StateProbe(tmux.client(), 50);
    check =
        new CheckStatusWorker(
            board, roster, probe, new SilenceTracker(), events, new Reactions(roster, pool), clock);
    RunProperties props =
        new Binder(new MapConfigurationPropertySource(Map.of("baton.workdir", dir.toString())))
            .bindOrCreate("baton", Bindable.of(RunProperties.class));
    release =
        new ReleaseAgentWorker(
            pool,
            board,
            journal,
            events,
            props,
            roster,
            new Interrupter(null, null, null, clock, null),
            probe);
  }

  @AfterEach
  void tearDown() {
    tmux.close();
  }

  /** baton.cooldown as shipped. */
  static Duration configuredCooldown() {
    return Duration.ofMinutes(10);
  }

  AgentPool.Slot slot() {
    return pool.slots().stream().filter(s -> s.agent().equals("Gone")).findFirst().orElseThrow();
  }

  @Test
  void aGonePaneIsOnlyReportedByTheCheckAndTakenOutOfThePoolByTheRelease() {
    Map<String, Object> facts = check.check("run-1", "T-001", "Gone", 0, 0, "timer");

    assertThat(facts).containsEntry("status", "IN_PROGRESS").containsEntry("screen", "DEAD");
    assertThat(slot().availability()).as("after the check").isEqualTo(AgentPool.Availability.BUSY);
    assertThat(events.of("run-1")).extracting(RunEvent::kind).doesNotContain("agent-gone");

    // the decision table's route for a dead screen: reassign, cause agent-gone
    release.release("run-1", "T-001", "Gone", "reassign", "agent-gone", null, null, null, null);

    assertThat(slot().availability()).isEqualTo(AgentPool.Availability.GONE);
    assertThat(board.read().status(TaskId.parse("T-001").orElseThrow()))
        .contains(TaskStatus.PENDING);
    assertThat(events.of("run-1")).extracting(RunEvent::kind).contains("agent-gone");
  }

  /**
   * A prompt step that failed on the dead pane (AGENT_UNREACHABLE) releases an agent that is gone,
   * not resting.
   */
  @Test
  void anAgentUnreachableBecauseItsPaneIsDeadLeavesThePool() {
    release.release("run-1", "T-001", "Gone", "unreachable", null, null, null, null, null);

    assertThat(slot().availability()).isEqualTo(AgentPool.Availability.GONE);
    assertThat(board.read().status(TaskId.parse("T-001").orElseThrow()))
        .contains(TaskStatus.PENDING);
    assertThat(events.of("run-1")).extracting(RunEvent::kind).contains("agent-gone", "reassigned");
  }

  @Test
  void aUsageLimitRestsTheAgentAtTheReleaseUntilTheTimeItsScreenGave() {
    Instant resets =
        Instant.now().plus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    release.release(
        "run-1", "T-001", "Gone", "reassign", "credits", null, null, resets.toString(), null);

    assertThat(slot().availability()).isEqualTo(AgentPool.Availability.COOLDOWN);
    assertThat(slot().until())
        .isCloseTo(
            resets,
            org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.SECONDS));
    assertThat(slot().until())
        .isAfter(Instant.now().plus(configuredCooldown())); // not the configured cooldown
    assertThat(board.read().status(TaskId.parse("T-001").orElseThrow()))
        .contains(TaskStatus.PENDING);
  }
}
