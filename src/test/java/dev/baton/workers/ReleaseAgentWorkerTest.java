package dev.baton.workers;

import static dev.baton.workers.WorkerBench.RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.baton.agents.AgentPool;
import dev.baton.agents.AgentPool.Availability;
import dev.baton.board.TaskStatus;
import dev.baton.run.Happened;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release step called alone with each {@code reason} the model passes: what it does to the
 * pool, to the board row and to the run's events. Real board file, real pool, real tmux panes.
 */
class ReleaseAgentWorkerTest {
  @TempDir Path dir;
  WorkerBench bench;

  @AfterEach
  void close() {
    if (bench != null) {
      bench.close();
    }
  }

  private WorkerBench bench(String status) {
    bench =
        new WorkerBench(
            dir,
            """
        | T-001 | Schema | Bob (w2) | HIGH | COMPLETED | 2026-12-03 run-bench |
        | T-002 | Add numbers | Ada (w1) | MED | %s | 2026-12-03 run-bench |
        | T-003 | Subtract numbers | | MED | PENDING | 2026-12-03 run-bench |
        """
                .formatted(status),
            "");
    return bench;
  }

  private ReleaseAgentWorker worker() {
    return new ReleaseAgentWorker(
        bench.pool(),
        bench.board,
        bench.journal,
        bench.events,
        bench.props(),
        bench.roster(),
        bench.interrupter(),
        bench.probe());
  }

  /** Whether the pool would give T-002 to Ada again. */
  private boolean adaMayTakeT002Again() {
    return bench.pool().reserve(new AgentPool.Waiting("T-002", 1, 2, null)).isPresent();
  }

  @Test
  void doneFreesTheAgentAndMovesTheRunsProgress() {
    bench("COMPLETED");
    bench.settled(bench.agent("Ada", WorkerBench.IDLE_SCREEN), "shortcuts");
    bench.pool().adopt("T-002", "Ada");
    bench.journal.begin(RUN, "- Schema\n- Add numbers\n- Subtract numbers\n", Map.of());
    bench.journal.tasks(RUN, List.of("T-001", "T-002", "T-003"), false, 0);

    worker().release(RUN, "T-002", "Ada", "done", null, null, null, null, null);

    assertThat(bench.availability("Ada")).isEqualTo(Availability.FREE);
    assertThat(bench.status("T-002")).isEqualTo(TaskStatus.COMPLETED);
    assertThat(bench.board.read().progress()).hasValue(66);
    assertThat(bench.kinds()).doesNotContain("reassigned");
  }

  @Test
  void doneForAnAgentThatNoLongerHoldsTheTaskLeavesItsNewTaskAlone() {
    bench("COMPLETED");
    bench.settled(bench.agent("Ada", WorkerBench.IDLE_SCREEN), "shortcuts");
    bench.pool().adopt("T-003", "Ada");

    worker().release(RUN, "T-002", "Ada", "done", null, null, null, null, null);

    assertThat(bench.slot("Ada").taskId()).isEqualTo("T-003");
    assertThat(bench.availability("Ada")).isEqualTo(Availability.BUSY);
  }

  @Test
  void reassignForATechnicalBlockStopsABusyAgentPutsTheRowBackAndNeverReturnsTheTaskToIt()
      throws Exception {
    bench("BLOCKED");
    bench.settled(bench.busyUntilInterrupted("Ada"), "esc to interrupt");
    bench.pool().adopt("T-002", "Ada");

    worker().release(RUN, "T-002", "Ada", "reassign", "technical", null, null, null, null);

    assertThat(Files.exists(dir.resolve("interrupted")))
        .as("a key reached the busy agent")
        .isTrue();
    assertThat(bench.status("T-002")).isEqualTo(TaskStatus.PENDING);
    assertThat(bench.row("T-002").assignedTo()).isBlank();
    assertThat(bench.happened(Happened.Reassigned.class))
        .containsExactly(new Happened.Reassigned("T-002", "Ada", "technical"));
    assertThat(adaMayTakeT002Again()).isFalse();
    assertThat(bench.pool().reserve(new AgentPool.Waiting("T-003", 1, 3, null))).contains("Ada");
  }

  @Test
  void reassignForCreditsRestsTheAgentUntilTheResetItsScreenGave() {
    bench("BLOCKED");
    bench.settled(bench.agent("Ada", WorkerBench.LIMIT_SCREEN), "usage limit");
    bench.pool().adopt("T-002", "Ada");
    Instant resets = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);

    worker()
        .release(RUN, "T-002", "Ada", "reassign", "credits", null, null, resets.toString(), null);

    assertThat(bench.availability("Ada")).isEqualTo(Availability.COOLDOWN);
    assertThat(bench.slot("Ada").until()).isCloseTo(resets, within(1, ChronoUnit.SECONDS));
    assertThat(bench.status("T-002")).isEqualTo(TaskStatus.PENDING);
    assertThat(bench.happened(Happened.Reassigned.class))
        .extracting(Happened.Reassigned::cause)
        .containsExactly("credits");
  }

  /**
   * A reset time the screen gave in a form that does not parse: the configured cooldown, not a
   * failed job.
   */
  @Test
  void reassignForCreditsWithAnUnreadableResetTimeRestsForTheConfiguredCooldown() {
    bench("BLOCKED");
    bench.settled(bench.agent("Ada", WorkerBench.LIMIT_SCREEN), "usage limit");
    bench.pool().adopt("T-002", "Ada");

    worker().release(RUN, "T-002", "Ada", "reassign", "credits", null, null, "3pm tomorrow", null);

    assertThat(bench.availability("Ada")).isEqualTo(Availability.COOLDOWN);
    assertThat(bench.slot("Ada").until())
        .isCloseTo(Instant.now().plus(bench.props().cooldown()), within(5, ChronoUnit.SECONDS));
  }

  @Test
  void reassignBecauseThePaneIsGoneTakesTheAgentOutOfThePool() {
    bench("IN_PROGRESS");
    bench.deadAgent("Ada");
    bench.pool().adopt("T-002", "Ada");

    worker().release(RUN, "T-002", "Ada", "reassign", "agent-gone", null, null, null, null);

    assertThat(bench.availability("Ada")).isEqualTo(Availability.GONE);
    assertThat(bench.status("T-002")).isEqualTo(TaskStatus.PENDING);
    assertThat(bench.kinds()).containsSubsequence("agent-gone", "reassigned");
  }

  @Test
  void reassignForSilenceOrIdlenessPutsTheRowBackAndFreesTheAgentForOtherTasks() {
    bench("IN_PROGRESS");
    bench.settled(bench.agent("Ada", WorkerBench.IDLE_SCREEN), "shortcuts");
    bench.pool().adopt("T-002", "Ada");

    worker().release(RUN, "T-002", "Ada", "reassign", "silent", null, null, null, null);

    assertThat(bench.status("T-002")).isEqualTo(TaskStatus.PENDING);
    assertThat(bench.availability("Ada")).isEqualTo(Availability.FREE);
    assertThat(adaMayTakeT002Again()).isFalse();
    assertThat(bench.happened(Happened.Reassigned.class))
        .extracting(Happened.Reassigned::cause)
        .containsExactly("silent");
  }

  @Test
  void unreachableOnALivePaneRestsTheAgentAndPutsTheRowBack() {
    bench("IN_PROGRESS");
    bench.settled(bench.agent("Ada", WorkerBench.BUSY_SCREEN), "esc to interrupt");
    bench.pool().adopt("T-002", "Ada");

    Instant before = Instant.now();
    worker().release(RUN, "T-002", "Ada", "unreachable", null, null, null, null, "PT1S");

    assertThat(bench.availability("Ada")).isEqualTo(Availability.COOLDOWN);
    assertThat(bench.slot("Ada").reason()).isEqualTo("did not take a prompt");
    assertThat(bench.slot("Ada").until())
        .as("the model's rest, not the usage-limit cooldown")
        .isBetween(before.plusSeconds(1), Instant.now().plusSeconds(1));
    assertThat(bench.status("T-002")).isEqualTo(TaskStatus.PENDING);
    assertThat(bench.kinds()).doesNotContain("agent-gone").contains("reassigned");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              bench.pool().settle();
              assertThat(adaMayTakeT002Again()).as("after its rest, the task may return").isTrue();
            });
  }

  @Test
  void aRestThatIsNotADurationFailsTheJobNamingTheInput() {
    bench("IN_PROGRESS");
    bench.settled(bench.agent("Ada", WorkerBench.IDLE_SCREEN), "shortcuts");
    bench.pool().adopt("T-002", "Ada");
    String before = bench.text();

    assertThatThrownBy(
            () ->
                worker().release(RUN, "T-002", "Ada", "unreachable", null, null, null, null, "80"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input 'rest'")
        .hasMessageContaining("'80'");
    assertThat(bench.text()).as("nothing written before the input was read").isEqualTo(before);
  }

  @Test
  void unreachableOnADeadPaneTakesTheAgentOutOfThePool() {
    bench("IN_PROGRESS");
    bench.deadAgent("Ada");
    bench.pool().adopt("T-002", "Ada");

    worker().release(RUN, "T-002", "Ada", "unreachable", null, null, null, null, null);

    assertThat(bench.availability("Ada")).isEqualTo(Availability.GONE);
    assertThat(bench.status("T-002")).isEqualTo(TaskStatus.PENDING);
  }

  @Test
  void guardGivesTheTaskUpWithItsReasonOnTheBoardAndFreesTheAgent() {
    bench("IN_PROGRESS");
    bench.settled(bench.agent("Ada", WorkerBench.IDLE_SCREEN), "shortcuts");
    bench.pool().adopt("T-002", "Ada");

    worker()
        .release(
            RUN,
            "T-002",
            "Ada",
            "guard",
            null,
            null,
            "too many prompts: 5 sent for T-002",
            null,
            null);

    assertThat(bench.status("T-002")).isEqualTo(TaskStatus.BLOCKED);
    assertThat(bench.lastNote("T-002")).isEqualTo("given up: too many prompts: 5 sent for T-002");
    assertThat(bench.availability("Ada")).isEqualTo(Availability.FREE);
    assertThat(bench.happened(Happened.GivenUp.class))
        .containsExactly(
            new Happened.GivenUp("T-002", "Ada", "too many prompts: 5 sent for T-002"));
  }

  /**
   * The guard found before any agent was reserved: the task leaves the run and its waiting place in
   * the pool.
   */
  @Test
  void guardWithoutAnAgentForgetsTheWaitingTaskAndBlocksItsRow() {
    bench("PENDING");
    bench.settled(bench.agent("Ada", WorkerBench.IDLE_SCREEN), "shortcuts");
    bench.pool().adopt("T-001", "Ada");
    assertThat(bench.pool().reserve(new AgentPool.Waiting("T-002", 1, 2, null))).isEmpty();

    worker().release(RUN, "T-002", null, "guard", null, null, null, null, null);

    assertThat(bench.pool().waiting()).isEmpty();
    assertThat(bench.status("T-002")).isEqualTo(TaskStatus.BLOCKED);
    assertThat(bench.lastNote("T-002")).isEqualTo("given up: too many prompts");
  }

  @Test
  void dependencyGoneBlocksTheRowNamingTheMissingTaskAndFreesTheAgent() {
    bench("BLOCKED");
    bench.settled(bench.agent("Ada", WorkerBench.IDLE_SCREEN), "shortcuts");
    bench.pool().adopt("T-002", "Ada");

    worker()
        .release(RUN, "T-002", "Ada", "dependency-gone", "dependency", "T-009", null, null, null);

    assertThat(bench.status("T-002")).isEqualTo(TaskStatus.BLOCKED);
    assertThat(bench.lastNote("T-002"))
        .startsWith("dependency-gone: T-009 is no longer on the board");
    assertThat(bench.availability("Ada")).isEqualTo(Availability.FREE);
    assertThat(bench.happened(Happened.DependencyGone.class))
        .containsExactly(new Happened.DependencyGone("T-002", "Ada", "T-009"));
  }

  @Test
  void aReleaseWithoutAnAgentOnlyForgetsTheWaitingTask() {
    bench("PENDING");
    bench.settled(bench.agent("Ada", WorkerBench.IDLE_SCREEN), "shortcuts");
    bench.pool().adopt("T-001", "Ada");
    bench.pool().reserve(new AgentPool.Waiting("T-002", 1, 2, null));
    String before = bench.text();

    worker().release(RUN, "T-002", null, "reassign", "silent", null, null, null, null);

    assertThat(bench.pool().waiting()).isEmpty();
    assertThat(bench.text()).isEqualTo(before);
  }

  /**
   * A job delivered twice: the second release finds the row already back and the agent already
   * free.
   */
  @Test
  void aReassignDeliveredTwiceLeavesTheSameBoardAndPool() {
    bench("BLOCKED");
    bench.settled(bench.agent("Ada", WorkerBench.IDLE_SCREEN), "shortcuts");
    bench.pool().adopt("T-002", "Ada");
    ReleaseAgentWorker release = worker();

    release.release(RUN, "T-002", "Ada", "reassign", "technical", null, null, null, null);
    String board = bench.text();
    List<AgentPool.Slot> slots = bench.pool().slots();
    release.release(RUN, "T-002", "Ada", "reassign", "technical", null, null, null, null);

    assertThat(bench.text()).isEqualTo(board);
    assertThat(bench.pool().slots()).isEqualTo(slots);
  }

  /**
   * Every cause the decision table reassigns for, other than credits and a gone pane, acts the same
   * way.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"technical", "silent", "stuck", "idle", "dependency-done"})
  void eachOtherReassignCausePutsTheRowBackAndKeepsTheTaskFromThatAgent(String cause) {
    bench("BLOCKED");
    bench.settled(bench.agent("Ada", WorkerBench.IDLE_SCREEN), "shortcuts");
    bench.pool().adopt("T-002", "Ada");

    worker().release(RUN, "T-002", "Ada", "reassign", cause, null, null, null, null);

    assertThat(bench.status("T-002")).isEqualTo(TaskStatus.PENDING);
    assertThat(bench.availability("Ada")).isEqualTo(Availability.FREE);
    assertThat(adaMayTakeT002Again()).isFalse();
    assertThat(bench.happened(Happened.Reassigned.class))
        .containsExactly(new Happened.Reassigned("T-002", "Ada", cause));
  }
}
