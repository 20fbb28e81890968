package dev.baton.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReactionsTest {
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  private final AgentRoster roster =
      new AgentRoster(
          List.of(
              new Agent(
                  "AMP",
                  "s:1",
                  CliKind.AMP,
                  false,
                  "w4",
                  null,
                  CliPatternCatalog.shipped().patterns(CliKind.AMP)),
              new Agent(
                  "AMP-2",
                  "s:2",
                  CliKind.AMP,
                  false,
                  "w5",
                  null,
                  CliPatternCatalog.shipped().patterns(CliKind.AMP))));
  private final AgentPool pool =
      new AgentPool(
          List.of("AMP", "AMP-2"),
          Clock.fixed(T0, ZoneOffset.UTC),
          agent -> true,
          (task, agent) -> {},
          Set::copyOf,
          Duration.ofSeconds(20));
  private final Reactions reactions = new Reactions(roster, pool);

  @Test
  void theNextPromptAfterACompletionReadWhileWorkWaitedIsOneReaction() {
    pool.reserve(new AgentPool.Waiting("T-001", 1, 1, null));
    pool.reserve(new AgentPool.Waiting("T-002", 1, 2, null));
    pool.reserve(new AgentPool.Waiting("T-003", 1, 3, null));

    reactions.completed("AMP (w4)", "T-001", T0);

    assertThat(reactions.prompted("AMP-2", "T-002", T0.plusMillis(50))).isEmpty();
    var reaction = reactions.prompted("AMP", "T-003", T0.plusMillis(180)).orElseThrow();
    assertThat(reaction.completedTask()).isEqualTo("T-001");
    assertThat(reaction.latency()).isEqualTo(Duration.ofMillis(180));
    assertThat(reactions.prompted("AMP", "T-004", T0.plusSeconds(5)))
        .as("one prompt closes the pair")
        .isEmpty();
  }

  @Test
  void aCompletionReadWithAnEmptyQueueOrFromSomeoneElseOpensNothing() {
    pool.reserve(new AgentPool.Waiting("T-001", 1, 1, null));

    reactions.completed("AMP (w4)", "T-001", T0);
    reactions.completed("Someone (w9)", "T-007", T0);

    assertThat(reactions.prompted("AMP", "T-002", T0.plusSeconds(3600))).isEmpty();
    assertThat(reactions.prompted("Someone", "T-008", T0.plusSeconds(1))).isEmpty();
  }

  /**
   * The poll freed AMP and its next prompt was recorded before the watcher's event for the same
   * COMPLETED was handled (the watcher waits for a write to settle): pairing that late reading with
   * the prompt under way gave {@code latencyMs=-381}.
   */
  @Test
  void aCompletionReadAfterTheNextPromptWasRecordedIsNeverPairedWithIt() {
    pool.reserve(new AgentPool.Waiting("T-001", 1, 1, null));
    pool.reserve(new AgentPool.Waiting("T-002", 1, 2, null));
    pool.reserve(new AgentPool.Waiting("T-003", 1, 3, null));
    reactions.prompted("AMP", "T-001", T0.minusSeconds(10));

    reactions.completed("AMP (w4)", "T-001", T0); // the poll reads it first
    var first = reactions.prompted("AMP", "T-003", T0.plusMillis(120)).orElseThrow();
    reactions.completed(
        "AMP (w4)", "T-001", T0.plusMillis(501)); // the watcher's late reading of the same write

    assertThat(first.latency()).isEqualTo(Duration.ofMillis(120));
    assertThat(reactions.prompted("AMP", "T-004", T0.plusSeconds(40)))
        .as("the late reading belongs to a task AMP already left")
        .isEmpty();
  }

  @Test
  void theFirstReadingOfACompletionCountsAndNoLatencyIsNegative() {
    pool.reserve(new AgentPool.Waiting("T-001", 1, 1, null));
    pool.reserve(new AgentPool.Waiting("T-002", 1, 2, null));
    pool.reserve(new AgentPool.Waiting("T-003", 1, 3, null));
    reactions.prompted("AMP", "T-001", T0.minusSeconds(10));

    reactions.completed("AMP (w4)", "T-001", T0.plusMillis(200)); // the watcher
    reactions.completed("AMP (w4)", "T-001", T0.plusMillis(100)); // the poll had read it earlier
    assertThat(reactions.prompted("AMP", "T-002", T0.plusMillis(300)).orElseThrow().latency())
        .isEqualTo(Duration.ofMillis(200));

    reactions.completed("AMP (w4)", "T-002", T0.plusMillis(900));
    assertThat(reactions.prompted("AMP", "T-005", T0.plusMillis(400)))
        .as("a completion read after the prompt was recorded")
        .isEmpty();
  }

  /**
   * An agent that writes its own row carelessly ({@code @amp(w4)}) still closes its pair; AMP-2 is
   * not AMP.
   */
  @Test
  void aCompletionOnACarelesslyWrittenCellIsTheAgentsAllTheSame() {
    pool.reserve(new AgentPool.Waiting("T-001", 1, 1, null));
    pool.reserve(new AgentPool.Waiting("T-002", 1, 2, null));
    pool.reserve(new AgentPool.Waiting("T-003", 1, 3, null));

    reactions.completed(" @amp(w4) ", "T-001", T0);

    assertThat(reactions.prompted("AMP-2", "T-002", T0.plusMillis(50))).isEmpty();
    assertThat(reactions.prompted("AMP", "T-003", T0.plusMillis(90))).isPresent();
  }
}
