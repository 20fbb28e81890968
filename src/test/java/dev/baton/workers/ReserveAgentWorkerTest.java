package dev.baton.workers;

import static dev.baton.workers.WorkerBench.RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.agents.AgentPool;
import dev.baton.agents.Routing;
import dev.baton.board.TaskRow;
import dev.baton.run.Happened;
import io.camunda.client.exception.JobError;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reserving an agent alone, on a real board and the real pool. The routing table is answered by a
 * stand-in that records what it was asked: evaluating it needs the engine, which this layer does
 * without.
 */
class ReserveAgentWorkerTest {
  @TempDir Path dir;
  WorkerBench bench;
  final List<String> asked = new ArrayList<>();
  Routing answer = Routing.ANY;

  @BeforeEach
  void board() {
    bench =
        new WorkerBench(
            dir,
            """
        | T-001 | Schema | Bob (w2) | HIGH | IN_PROGRESS | 2026-12-03 run-bench |
        | T-002 | Add numbers (after T-001) | | MED | PENDING | 2026-12-03 run-bench |
        | T-003 | Subtract numbers (after T-009) | | MED | PENDING | 2026-12-03 run-bench |
        | T-004 | Multiply | | LOW | PENDING | 2026-12-03 run-bench |
        """,
            "");
    bench.deadAgent("Ada");
    bench.deadAgent("Bob");
  }

  @AfterEach
  void close() {
    bench.close();
  }

  private ReserveAgentWorker worker() {
    AgentRouting routing =
        new AgentRouting(null, bench.roster()) {
          @Override
          public Routing decide(String kind, TaskRow row, String author) {
            asked.add(kind + " " + row.id().value());
            return answer;
          }
        };
    return new ReserveAgentWorker(bench.pool(), bench.board, bench.events, routing);
  }

  @Test
  void aFreeAgentIsReservedAndTheTableIsAskedOnce() {
    bench.pool().adopt("T-001", "Bob");
    ReserveAgentWorker reserve = worker();

    Map<String, Object> out = reserve.reserve(RUN, "T-004");
    Map<String, Object> again = reserve.reserve(RUN, "T-004"); // delivered twice

    assertThat(out)
        .containsEntry("reserved", true)
        .containsEntry("agent", "Ada")
        .containsEntry("missingDependency", null);
    assertThat(again).isEqualTo(out);
    assertThat(asked).containsExactly("feature T-004");
    assertThat(bench.slot("Ada").taskId()).isEqualTo("T-004");
  }

  @Test
  void noFreeAgentQueuesTheTaskAndSaysSoOnce() {
    bench.pool().adopt("T-001", "Bob");
    bench.pool().adopt("T-004", "Ada");
    ReserveAgentWorker reserve = worker();

    Map<String, Object> out = reserve.reserve(RUN, "T-002");
    reserve.reserve(RUN, "T-002"); // woken again, still nobody

    assertThat(out)
        .containsEntry("reserved", false)
        .containsEntry("agent", null)
        .containsEntry("missingDependency", null);
    assertThat(bench.pool().waiting())
        .extracting(AgentPool.Waiting::taskId)
        .containsExactly("T-002");
    assertThat(bench.happened(Happened.WaitingForAgent.class))
        .containsExactly(new Happened.WaitingForAgent("T-002"));
    assertThat(asked).containsExactly("feature T-002");
  }

  /**
   * A task waiting for a task no longer on the board would wait for ever: the model is told which
   * one.
   */
  @Test
  void aWaitingTaskWhoseDependencyIsGoneNamesIt() {
    Map<String, Object> out = worker().reserve(RUN, "T-003");

    assertThat(out).containsEntry("reserved", false).containsEntry("missingDependency", "T-009");
    assertThat(bench.kinds()).doesNotContain("waiting-for-agent");
  }

  @Test
  void theTablesAnswerDecidesWhoMayTakeTheTask() {
    answer = new Routing(Routing.Mode.ONLY, Set.of("Bob"), Duration.ofMinutes(5));
    bench.pool().adopt("T-001", "Bob");

    Map<String, Object> out = worker().reserve(RUN, "T-004");

    assertThat(out).containsEntry("reserved", false);
    assertThat(bench.availability("Ada")).isEqualTo(AgentPool.Availability.FREE);
  }

  @Test
  void aTaskNotOnTheBoardIsAJobErrorNamingIt() {
    JobError error = catchThrowableOfType(JobError.class, () -> worker().reserve(RUN, "T-042"));

    assertThat(error.getErrorMessage()).contains("T-042").contains("not in the board's queue");
    assertThat(bench.pool().waiting()).isEmpty();
  }

  /**
   * The task's row cut mid-write by an agent: a job failure the engine retries, not a guess and not
   * a write.
   */
  @Test
  void aRowCutByAnAgentsWriteIsRetriedLater() {
    String whole = bench.text();
    String cut = whole.substring(0, whole.indexOf("| T-004 |") + 12);
    bench.write(cut);

    JobError error = catchThrowableOfType(JobError.class, () -> worker().reserve(RUN, "T-004"));

    assertThat(error.getErrorMessage()).contains("T-004");
    assertThat(error.getRetries()).as("the model's retries apply").isNull();
    assertThat(bench.text()).isEqualTo(cut);
    assertThat(bench.pool().waiting()).isEmpty();
  }
}
