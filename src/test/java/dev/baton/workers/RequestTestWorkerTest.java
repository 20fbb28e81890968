package dev.baton.workers;

import static dev.baton.workers.WorkerBench.RUN;
import static dev.baton.workers.WorkerBench.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.agents.AgentPool;
import dev.baton.agents.Routing;
import dev.baton.board.TaskStatus;
import dev.baton.process.ErrorCodes;
import dev.baton.process.Variables;
import dev.baton.run.Happened;
import dev.baton.run.JournalEntry;
import dev.baton.run.Resumption;
import io.camunda.client.exception.BpmnError;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test hand-over alone: reserve a tester (the author first), row IN_PROGRESS, test prompt; or
 * say why not.
 */
@SuppressWarnings("unchecked")
class RequestTestWorkerTest {
  @TempDir Path dir;
  WorkerBench bench;
  final List<String> asked = new ArrayList<>();

  @BeforeEach
  void board() {
    bench =
        new WorkerBench(
            dir,
            """
        | T-001 | Add numbers | Ada (w1) | MED | COMPLETED | 2026-12-03 run-bench |
        | T-002 | Test T-001 | | MED | PENDING | 2026-12-03 run-bench |
        """,
            "");
    bench.journal.begin(RUN, "- Add numbers\n", Map.of());
  }

  @AfterEach
  void close() {
    bench.close();
  }

  private RequestTestWorker worker() {
    Resumption none =
        new Resumption(null, null, null, null, null, null, null, null, null, null) {
          @Override
          public boolean alreadyPrompted(String taskId, String agent) {
            return false;
          }
        };
    return new RequestTestWorker(
        bench.pool(),
        none,
        bench.roster(),
        bench.board,
        bench.prompter(),
        bench.events,
        bench.props(),
        bench.journal,
        bench.routing(Routing.prefer("Ada", java.time.Duration.ofSeconds(30)), asked));
  }

  private Map<String, Object> request(long key, String author) {
    return worker()
        .request(
            job(key),
            RUN,
            "T-002",
            "T-001",
            author == null ? null : Map.of("author", author),
            null);
  }

  @Test
  void theAuthorGetsTheTestPromptAndTheRowSaysSo() {
    bench.simAgent("Ada", "--work", "30s");

    Map<String, Object> out = request(51L, "Ada");
    bench.awaitPrompts("Ada", 1);

    assertThat(out)
        .containsEntry("testSent", true)
        .containsEntry("agent", "Ada")
        .containsEntry(Variables.AGENTS_LEFT, true);
    assertThat(asked).containsExactly("test T-002 by Ada");
    assertThat(bench.status("T-002")).isEqualTo(TaskStatus.IN_PROGRESS);
    assertThat(bench.row("T-002").assignedTo()).isEqualTo("Ada (w1)");
    assertThat(bench.prompts("Ada")).singleElement().asString().contains("T-002", "Add numbers");
  }

  /**
   * A restart after the tester already answered: its verdict is on the board, no second test
   * prompt.
   */
  @Test
  void aTestAlreadyAnsweredBeforeARestartIsNotAskedAgain() {
    bench.deadAgent("Ada");
    bench.write(
        bench
            .text()
            .replace(
                "| T-002 | Test T-001 | | MED | PENDING |",
                "| T-002 | Test T-001 | Ada (w1) | MED | COMPLETED |"));
    bench.journal.prompt(
        RUN, new JournalEntry.Prompt(Instant.now(), "T-002", "Ada", "test", 1L, 0));

    Map<String, Object> out = request(52L, "Ada");

    assertThat(out).containsEntry("testSent", true).containsEntry("agent", "Ada");
    assertThat(bench.slot("Ada").taskId()).isEqualTo("T-002");
    assertThat(bench.journal.get(RUN).orElseThrow().prompts()).hasSize(1);
  }

  @Test
  void noAgentLeftForTheTestSaysSoAndLeavesTheQueue() {
    bench.deadAgent("Ada");
    bench.pool().remove("Ada", "pane gone");

    Map<String, Object> out = request(53L, "Ada");

    assertThat(out)
        .containsEntry("testSent", false)
        .containsEntry(Variables.AGENTS_LEFT, false)
        .containsEntry("agent", null);
    assertThat(bench.pool().waiting()).isEmpty();
    assertThat(bench.happened(Happened.AgentsLost.class))
        .singleElement()
        .satisfies(l -> assertThat(l.reason()).contains("T-001"));
  }

  @Test
  void aTesterWhosePaneIsDeadRaisesAgentUnreachableNamingIt() {
    bench.deadAgent("Ada");

    BpmnError error = catchThrowableOfType(BpmnError.class, () -> request(54L, "Ada"));

    assertThat(error.getErrorCode()).isEqualTo(ErrorCodes.AGENT_UNREACHABLE);
    assertThat((Map<String, Object>) error.getVariables()).containsEntry("agent", "Ada");
    assertThat(bench.journal.get(RUN).orElseThrow().prompts()).isEmpty();
  }

  /**
   * The guard found at the hand-over names the agent it had just reserved, so the give-up step
   * frees it.
   */
  @Test
  void aTestPastThePromptLimitRaisesGuardHitNamingTheReservedAgent() {
    bench.set("baton.max-prompts-per-run", "1");
    bench.deadAgent("Ada");
    bench.journal.prompt(
        RUN, new JournalEntry.Prompt(Instant.now(), "T-001", "Ada", "task", 1L, 0));

    BpmnError error = catchThrowableOfType(BpmnError.class, () -> request(55L, "Ada"));

    assertThat(error.getErrorCode()).isEqualTo(ErrorCodes.GUARD_HIT);
    assertThat((Map<String, Object>) error.getVariables()).containsEntry(Variables.AGENT, "Ada");
    assertThat(bench.status("T-002")).isEqualTo(TaskStatus.PENDING);
    assertThat(bench.slot("Ada").availability()).isEqualTo(AgentPool.Availability.BUSY);
  }
}
