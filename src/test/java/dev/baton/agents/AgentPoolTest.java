package dev.baton.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.agents.AgentPool.Availability;
import dev.baton.agents.AgentPool.Waiting;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AgentPoolTest {
  private Instant now = Instant.parse("2026-01-27T10:00:00Z");
  private final Clock clock =
      new Clock() {
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        public Instant instant() {
          return now;
        }
      };
  private final Set<String> busyScreens = new HashSet<>();
  private final Set<String> blockedByDependency = new HashSet<>();
  private final List<String> woken = new ArrayList<>();
  private final AgentPool pool =
      new AgentPool(
          List.of("Claude", "AMP"),
          clock,
          agent -> !busyScreens.contains(agent),
          (task, agent) -> woken.add(task + "->" + agent),
          tasks ->
              tasks.stream()
                  .filter(t -> !blockedByDependency.contains(t))
                  .collect(Collectors.toSet()),
          Duration.ofSeconds(30));

  private static Waiting task(String id, int rank) {
    return new Waiting(id, rank, Long.parseLong(id.substring(2)), null);
  }

  @Test
  void aLongQueueCostsOneDependencyReadPerHandOutAndNoneWhileEveryAgentWorks() {
    List<Integer> readSizes = new ArrayList<>();
    AgentPool counted =
        new AgentPool(
            List.of("Claude", "AMP"),
            clock,
            agent -> true,
            (task, agent) -> woken.add(task + "->" + agent),
            tasks -> {
              readSizes.add(tasks.size());
              return Set.copyOf(tasks);
            },
            Duration.ofSeconds(30));
    String first = counted.reserve(task("T-001", 1)).orElseThrow();
    counted.reserve(task("T-002", 1)).orElseThrow();
    assertThat(readSizes).hasSize(2);
    for (int i = 3; i <= 60; i++) {
      assertThat(counted.reserve(task(String.format("T-%03d", i), 1))).isEmpty();
    }
    assertThat(readSizes).as("no agent free: the queue grows without reading the board").hasSize(2);

    counted.release("T-001", first);

    assertThat(readSizes).hasSize(3).last().isEqualTo(58);
    assertThat(woken).containsExactly("T-003->" + first);
  }

  @Test
  void freeAgentsAreGivenOutAndExtraTasksWait() {
    assertThat(pool.reserve(task("T-001", 1))).isPresent();
    assertThat(pool.reserve(task("T-002", 1))).isPresent();
    assertThat(pool.reserve(task("T-003", 1))).isEmpty();
    assertThat(pool.waiting()).extracting(Waiting::taskId).containsExactly("T-003");
  }

  @Test
  void reserveIsIdempotentForARedeliveredJob() {
    String first = pool.reserve(task("T-001", 1)).orElseThrow();
    assertThat(pool.reserve(task("T-001", 1))).contains(first);
    assertThat(pool.slots()).filteredOn(s -> s.availability() == Availability.BUSY).hasSize(1);
  }

  @Test
  void releasedAgentGoesToTheHighestPriorityWaitingTaskAndWakesIt() {
    String a = pool.reserve(task("T-001", 1)).orElseThrow();
    pool.reserve(task("T-002", 1)).orElseThrow();
    pool.reserve(task("T-003", 2));
    pool.reserve(task("T-004", 0));
    pool.release("T-001", a);
    assertThat(woken).containsExactly("T-004->" + a);
    assertThat(pool.reserve(task("T-004", 0))).contains(a);
    assertThat(pool.waiting()).extracting(Waiting::taskId).containsExactly("T-003");
  }

  @Test
  void anAgentWhoseScreenIsStillBusyIsNotFreedUntilItSettles() {
    String a = pool.reserve(task("T-001", 1)).orElseThrow();
    pool.reserve(task("T-002", 1)).orElseThrow();
    pool.reserve(task("T-003", 1));
    busyScreens.add(a);
    pool.release("T-001", a);
    assertThat(woken).isEmpty();
    busyScreens.remove(a);
    pool.settle();
    assertThat(woken).containsExactly("T-003->" + a);
  }

  @Test
  void settleLimitFreesAnAgentThatNeverLooksIdle() {
    String a = pool.reserve(task("T-001", 1)).orElseThrow();
    pool.reserve(task("T-002", 1)).orElseThrow();
    pool.reserve(task("T-003", 1));
    busyScreens.add(a);
    pool.release("T-001", a);
    now = now.plusSeconds(31);
    pool.settle();
    assertThat(woken).containsExactly("T-003->" + a);
  }

  @Test
  void reassignedTaskNeverReturnsToTheSameAgent() {
    String a = pool.reserve(task("T-001", 1)).orElseThrow();
    String b = pool.reserve(task("T-002", 1)).orElseThrow();
    pool.reassign("T-001", a);
    assertThat(pool.reserve(task("T-001", 1))).isEmpty();
    pool.release("T-002", b);
    assertThat(woken).containsExactly("T-001->" + b);
  }

  @Test
  void cooldownKeepsAnAgentOutUntilItEnds() {
    String a = pool.reserve(task("T-001", 1)).orElseThrow();
    String b = pool.reserve(task("T-002", 1)).orElseThrow();
    pool.coolDown(a, Duration.ofMinutes(10), "usage limit");
    pool.release("T-002", b);
    assertThat(pool.reserve(task("T-001", 1))).contains(b);
    assertThat(pool.reserve(task("T-005", 1))).isEmpty();
    now = now.plus(Duration.ofMinutes(10));
    pool.settle();
    assertThat(woken).containsExactly("T-005->" + a);
  }

  /**
   * A team of one whose only agent did not take the prompt: it rests, and the task it could not
   * take waits for it rather than for nobody.
   */
  @Test
  void aRestedAgentTakesItsTaskBackWhenTheRestEnds() {
    List<String> wokenAlone = new ArrayList<>();
    AgentPool alone =
        new AgentPool(
            List.of("Codex"),
            clock,
            agent -> true,
            (task, agent) -> wokenAlone.add(task + "->" + agent),
            tasks -> Set.copyOf(tasks),
            Duration.ofSeconds(30));
    assertThat(alone.reserve(task("T-001", 1))).contains("Codex");
    alone.coolDown("Codex", Duration.ofSeconds(80), "did not take a prompt");
    assertThat(alone.reserve(task("T-001", 1))).as("resting").isEmpty();
    assertThat(alone.anyAgentLeftFor("T-001")).isTrue();
    now = now.plus(Duration.ofSeconds(79));
    alone.settle();
    assertThat(wokenAlone).isEmpty();
    now = now.plus(Duration.ofSeconds(1));
    alone.settle();
    assertThat(wokenAlone).containsExactly("T-001->Codex");
    assertThat(alone.reserve(task("T-001", 1))).contains("Codex");
  }

  @Test
  void whileAnAgentRestsItsTaskGoesToAFreeOne() {
    String a = pool.reserve(task("T-001", 1)).orElseThrow();
    String b = a.equals("Claude") ? "AMP" : "Claude";
    pool.coolDown(a, Duration.ofSeconds(80), "did not take a prompt");
    assertThat(pool.reserve(task("T-001", 1))).contains(b);
  }

  @Test
  void aCooldownLastsUntilTheResetTimeTheScreenGave() {
    String a = pool.reserve(task("T-001", 1)).orElseThrow();
    pool.reserve(task("T-002", 1)).orElseThrow();
    pool.coolDown(
        a, Duration.ofMinutes(10), now.plus(Duration.ofHours(3)), "usage limit on screen");
    now = now.plus(Duration.ofMinutes(11));
    pool.settle();
    assertThat(pool.reserve(task("T-005", 1))).isEmpty();
    now = now.plus(Duration.ofHours(3));
    pool.settle();
    assertThat(woken).containsExactly("T-005->" + a);
  }

  @Test
  void aLaterFixedCooldownDoesNotShortenTheRestUntilTheResetTime() {
    String a = pool.reserve(task("T-001", 1)).orElseThrow();
    pool.reserve(task("T-002", 1)).orElseThrow();
    Instant reset = now.plus(Duration.ofHours(3));
    pool.coolDown(a, Duration.ofMinutes(10), reset, "usage limit on screen");
    pool.coolDown(a, Duration.ofMinutes(10), "usage limit"); // the reassignment's own rest
    assertThat(pool.slots())
        .filteredOn(s -> s.agent().equals(a))
        .singleElement()
        .satisfies(s -> assertThat(s.until()).isEqualTo(reset));
    now = now.plus(Duration.ofMinutes(11));
    pool.settle();
    assertThat(pool.reserve(task("T-005", 1))).isEmpty();
  }

  @Test
  void aResetTimeInThePastFallsBackToTheFixedCooldown() {
    String a = pool.reserve(task("T-001", 1)).orElseThrow();
    pool.reserve(task("T-002", 1)).orElseThrow();
    pool.coolDown(
        a, Duration.ofMinutes(10), now.minus(Duration.ofHours(1)), "usage limit on screen");
    now = now.plus(Duration.ofMinutes(10));
    pool.settle();
    assertThat(pool.reserve(task("T-005", 1))).contains(a);
  }

  @Test
  void tasksWithUnmetDependenciesWaitAndOthersGoFirst() {
    blockedByDependency.add("T-002");
    assertThat(pool.reserve(task("T-002", 0))).isEmpty();
    assertThat(pool.reserve(task("T-003", 2))).isPresent();
    blockedByDependency.remove("T-002");
    pool.settle();
    assertThat(woken).hasSize(1).first().asString().startsWith("T-002->");
  }

  @Test
  void goneAgentsNeverComeBack() {
    String a = pool.reserve(task("T-001", 1)).orElseThrow();
    pool.remove(a, "pane died");
    now = now.plus(Duration.ofHours(1));
    pool.settle();
    assertThat(pool.slots())
        .filteredOn(s -> s.agent().equals(a))
        .extracting(AgentPool.Slot::availability)
        .containsExactly(Availability.GONE);
    assertThat(pool.anyAgentLeft()).isTrue();
  }

  @Test
  void aTaskHasNoAgentLeftOnceEveryAgentIsGoneOrWasTakenOffIt() {
    String a = pool.reserve(task("T-001", 1)).orElseThrow();
    String b = a.equals("Claude") ? "AMP" : "Claude";
    assertThat(pool.anyAgentLeftFor("T-001")).isTrue();
    pool.reassign("T-001", a);
    assertThat(pool.anyAgentLeftFor("T-001")).as("%s may still take it", b).isTrue();
    pool.remove(b, "pane died");
    assertThat(pool.anyAgentLeftFor("T-001")).isFalse();
    assertThat(pool.anyAgentLeftFor("T-002")).as("%s was only taken off T-001", a).isTrue();
    pool.coolDown(a, Duration.ofMinutes(5), "usage limit");
    assertThat(pool.anyAgentLeftFor("T-002")).as("an agent cooling down comes back").isTrue();
  }

  @Test
  void aTaskWaitsForItsPreferredAgentForAWhileThenTakesAnyone() {
    String author = pool.reserve(task("T-001", 1)).orElseThrow();
    var test = Waiting.preferring("T-009", 1, 9, author);
    assertThat(pool.reserve(test)).as("the author is busy, the other agent is free").isEmpty();
    pool.release("T-001", author);
    assertThat(pool.reserve(test)).contains(author);

    String other = author.equals("Claude") ? "AMP" : "Claude";
    var second = Waiting.preferring("T-010", 1, 10, author);
    assertThat(pool.reserve(second)).isEmpty();
    now = now.plus(AgentPool.PREFERENCE_WAIT);
    assertThat(pool.reserve(second)).contains(other);
  }

  private static Waiting routed(String id, Routing.Mode mode, String agent, Duration patience) {
    return new Waiting(
        id, 1, Long.parseLong(id.substring(2)), new Routing(mode, Set.of(agent), patience));
  }

  @Test
  void onlyWaitsForItsAgentsUntilThePatienceIsOverThenTakesAnyone() {
    assertThat(pool.reserve(task("T-001", 1))).contains("Claude");
    var onlyClaude = routed("T-002", Routing.Mode.ONLY, "Claude", Duration.ofMinutes(2));
    assertThat(pool.reserve(onlyClaude)).as("AMP is free but not allowed").isEmpty();
    now = now.plus(Duration.ofMinutes(1));
    assertThat(pool.reserve(onlyClaude)).isEmpty();
    now = now.plus(Duration.ofMinutes(1));
    assertThat(pool.reserve(onlyClaude)).as("no task waits for ever on a rule").contains("AMP");
  }

  @Test
  void onlyAnAgentThatIsGoneIsNotWaitedFor() {
    pool.remove("Claude", "pane died");
    assertThat(pool.reserve(routed("T-002", Routing.Mode.ONLY, "Claude", Duration.ofHours(1))))
        .contains("AMP");
  }

  @Test
  void neverLeavesTheTaskToTheOthersAndFallsBackOnlyAfterThePatience() {
    assertThat(pool.reserve(task("T-001", 1))).contains("Claude");
    var notAmp = routed("T-002", Routing.Mode.NEVER, "AMP", Duration.ofMinutes(5));
    assertThat(pool.reserve(notAmp)).as("only AMP is free").isEmpty();
    pool.release("T-001", "Claude");
    assertThat(pool.reserve(notAmp)).contains("Claude");

    var notAmpEither = routed("T-003", Routing.Mode.NEVER, "AMP", Duration.ofMinutes(5));
    assertThat(pool.reserve(notAmpEither)).as("Claude is on T-002, only AMP is free").isEmpty();
    now = now.plus(Duration.ofMinutes(5));
    assertThat(pool.reserve(notAmpEither)).as("no task waits for ever on a rule").contains("AMP");
  }

  @Test
  void preferTakesAListedAgentBeforeOneThatWaitedLonger() {
    assertThat(pool.reserve(task("T-001", 1))).contains("Claude");
    pool.release("T-001", "Claude");
    // AMP has never worked, so any-agent would pick it; the rule picks Claude
    assertThat(pool.reserve(routed("T-002", Routing.Mode.PREFER, "Claude", Duration.ofSeconds(30))))
        .contains("Claude");
    assertThat(pool.reserve(task("T-003", 1))).contains("AMP");
  }

  @Test
  void aPreferredAgentInCooldownIsNotWaitedFor() {
    String author = pool.reserve(task("T-001", 1)).orElseThrow();
    pool.coolDown(author, Duration.ofMinutes(10), "usage limit");
    assertThat(pool.reserve(Waiting.preferring("T-009", 1, 9, author)))
        .isPresent()
        .get()
        .isNotEqualTo(author);
  }

  /**
   * The callbacks answer through other threads (tmux, the board file, the engine whose job handlers
   * call back into the pool): a callback made under the pool's monitor waits for a thread that
   * waits for the monitor.
   */
  @Test
  void callbacksRunWithoutThePoolsMonitorSoOtherThreadsCanUseThePoolMeanwhile() throws Exception {
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      AtomicReference<AgentPool> self = new AtomicReference<>();
      List<String> calls = new CopyOnWriteArrayList<>();
      Predicate<String> otherThreadGetsThePool =
          what -> {
            calls.add(what);
            try {
              other.submit(() -> self.get().waiting()).get(5, TimeUnit.SECONDS);
              return true;
            } catch (TimeoutException e) {
              throw new AssertionError(what + " was called while holding the pool's monitor", e);
            } catch (InterruptedException | ExecutionException e) {
              throw new IllegalStateException(e);
            }
          };
      AgentPool shared =
          new AgentPool(
              List.of("Claude"),
              clock,
              agent -> otherThreadGetsThePool.test("idle " + agent),
              (task, agent) -> otherThreadGetsThePool.test("wake " + task),
              tasks -> {
                otherThreadGetsThePool.test("dependencies " + tasks);
                return Set.copyOf(tasks);
              },
              Duration.ofSeconds(30));
      self.set(shared);

      String a = shared.reserve(task("T-001", 1)).orElseThrow();
      assertThat(shared.reserve(task("T-002", 1))).isEmpty();
      shared.release("T-001", a);

      assertThat(calls).contains("dependencies [T-001]", "idle " + a, "wake T-002");
      assertThat(shared.reserve(task("T-002", 1))).contains(a);
    } finally {
      other.shutdownNow();
    }
  }
}
