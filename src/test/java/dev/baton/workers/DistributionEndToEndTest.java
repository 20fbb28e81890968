package dev.baton.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.board.Board;
import dev.baton.board.LogEntry;
import dev.baton.board.TaskRow;
import dev.baton.board.TaskStatus;
import dev.baton.run.JournalEntry;
import dev.baton.run.Phase;
import dev.baton.run.RunEvent;
import dev.baton.run.RunJournal;
import dev.baton.workers.Team.Member;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Phases 1–3 with everything real: tmux on a private socket, simulated agents editing the board the
 * way an LLM does, the embedded engine running bpmn/baton.bpmn, and the workers. Timers are
 * shortened through the run's variables, never by changing the model.
 */
@Tag("end-to-end")
class DistributionEndToEndTest {

  private static final Duration POLL = Duration.ofSeconds(2);
  private static final Duration LIMIT = Duration.ofSeconds(120);

  @Test
  void happyPathCompletesEveryTaskWithOnePromptEachAndTheLeadWorksToo(@TempDir Path dir)
      throws Exception {
    try (Team team =
        new Team(
                dir,
                List.of(
                    Member.lead("Claude", "--work", "600ms..1200ms"),
                    Member.of("AMP", "--work", "600ms..1200ms"),
                    Member.of("Codex", "--work", "600ms..1200ms", "--swallow-first-enter")))
            .start()) {
      var run =
          team.run(
              """
              - Create the model [HIGH]
              - Create the store
              - Create the parser
              - Create the printer
              - Create the saver (low)
              - Write the docs (low)
              """,
              POLL,
              LIMIT);

      assertThat(run.phase()).isEqualTo(Phase.DONE);
      Board board = team.readBoard();
      List<String> features = List.of("T-001", "T-002", "T-003", "T-004", "T-005", "T-006");
      for (String id : features) {
        TaskRow row = board.task(dev.baton.board.TaskId.parse(id).orElseThrow()).orElseThrow();
        assertThat(row.status()).as(id).isEqualTo(TaskStatus.COMPLETED);
        assertThat(team.promptsWithoutCause(id))
            .as("prompts for %s without a report before them", id)
            .isZero();
        int extra = team.promptsFor(id) - 1;
        assertThat(extra)
            .as(
                "prompts for %s beyond the first: only the inactivity rule's, after a lost report",
                id)
            .isEqualTo(
                (int)
                    team.events(run.runId(), "interrupted").stream()
                        .filter(e -> id.equals(e.taskId()))
                        .count());
      }
      assertThat(team.promptsReceived("Claude")).as("the lead works too").isNotEmpty();
      assertThat(board.progress()).hasValue(100);
      assertThat(board.text()).contains("Notes the team keeps here stay untouched by Baton.");
      assertThat(team.report()).contains("6 of 6 completed").contains("Progress: 100 %");
      assertThat(team.events(run.runId(), "reassigned")).isEmpty();
      assertThat(team.events(run.runId(), "phase"))
          .as("phases from the model's listeners")
          .extracting(RunEvent::message)
          .containsExactly(
              "phase 2. Distribute",
              "phase 3. Poll & redistribute",
              "phase 4. Test (Ralph)",
              "phase 5. Final report",
              "run done");
    }
  }

  @Test
  void aRateLimitedAgentsTaskFinishesOnAnotherAgent(@TempDir Path dir) throws Exception {
    try (Team team =
        new Team(
                dir,
                List.of(
                    Member.lead("Claude", "--work", "800ms"),
                    Member.of("AMP", "--work", "300ms", "--rate-limit-once")))
            .start()) {
      var run = team.run("- Task one\n- Task two\n", POLL, LIMIT);

      assertThat(run.phase()).isEqualTo(Phase.DONE);
      List<RunEvent> blocked = team.events(run.runId(), "blocked");
      assertThat(blocked).anySatisfy(e -> assertThat(e.message()).contains("credits"));
      String limited = blocked.getFirst().taskId();
      Board board = team.readBoard();
      TaskRow row = board.task(dev.baton.board.TaskId.parse(limited).orElseThrow()).orElseThrow();
      assertThat(row.status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(row.assignedTo()).startsWith("Claude");
      assertThat(team.promptsReceived("AMP")).containsEntry(limited, 1);
      assertThat(team.report()).contains("reassigned");
    }
  }

  @Test
  void aSilentAgentIsInterruptedRepromptedThenReassigned(@TempDir Path dir) throws Exception {
    try (Team team =
        new Team(
                dir,
                List.of(Member.lead("Mute", "--silent"), Member.of("Worker", "--work", "300ms")))
            .start()) {
      var run = team.run("- Only task\n", Duration.ofSeconds(1), LIMIT);

      assertThat(run.phase()).isEqualTo(Phase.DONE);
      Board board = team.readBoard();
      TaskRow row = board.task(dev.baton.board.TaskId.parse("T-001").orElseThrow()).orElseThrow();
      assertThat(row.status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(row.assignedTo()).startsWith("Worker");
      if (team.promptsReceived("Mute").containsKey("T-001")) {
        assertThat(team.promptsReceived("Mute").get("T-001"))
            .as("first prompt, then the re-prompt")
            .isEqualTo(2);
        assertThat(team.events(run.runId(), "interrupted"))
            .extracting(RunEvent::taskId)
            .contains("T-001");
        assertThat(team.events(run.runId(), "reassigned"))
            .extracting(RunEvent::taskId)
            .contains("T-001");
      }
      assertThat(team.events(run.runId(), "interrupted")).isNotEmpty();
    }
  }

  @Test
  void aPaneThatDiesMidTaskTakesItsAgentOutAndTheTaskMoves(@TempDir Path dir) throws Exception {
    try (Team team =
        new Team(
                dir,
                List.of(Member.lead("Doomed", "--hang"), Member.of("Survivor", "--work", "300ms")))
            .start()) {
      var launcher = team.bean(dev.baton.run.RunLauncher.class);
      var started =
          launcher.start(
              "- Long task\n- Short task\n",
              new dev.baton.run.RunParameters(Duration.ofSeconds(1), 2, 3, 3));
      // mid-task: the prompt was delivered (the journal records it before typing, the event after)
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  team.events(started.runId(), "prompted").stream()
                      .anyMatch(e -> "Doomed".equals(e.agent())));
      String doomedTask =
          team.events(started.runId(), "prompted").stream()
              .filter(e -> "Doomed".equals(e.agent()))
              .findFirst()
              .orElseThrow()
              .taskId();
      long pid = team.tmux.paneInfo(team.session + ":Doomed").pid();
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);

      var run = team.bean(dev.baton.run.RunRegistry.class).awaitEnd(started.runId(), LIMIT);
      assertThat(run.phase()).isEqualTo(Phase.DONE);
      assertThat(team.events(run.runId(), "agent-gone"))
          .extracting(RunEvent::agent)
          .contains("Doomed");
      TaskRow row =
          team.readBoard()
              .task(dev.baton.board.TaskId.parse(doomedTask).orElseThrow())
              .orElseThrow();
      assertThat(row.status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(row.assignedTo()).startsWith("Survivor");
    }
  }

  @Test
  void aDependencyChainRunsInOrderEvenWithFreeAgents(@TempDir Path dir) throws Exception {
    try (Team team =
        new Team(
                dir,
                List.of(
                    Member.lead("A", "--work", "500ms"),
                    Member.of("B", "--work", "500ms"),
                    Member.of("C", "--work", "500ms")))
            .start()) {
      var run = team.run("- Schema\n- Migration (after #1)\n- Seed data (after #2)\n", POLL, LIMIT);

      assertThat(run.phase()).isEqualTo(Phase.DONE);
      JournalEntry entry = team.bean(RunJournal.class).get(run.runId()).orElseThrow();
      Map<String, Instant> firstPrompt = new java.util.HashMap<>();
      entry.prompts().forEach(p -> firstPrompt.putIfAbsent(p.taskId(), p.at()));
      // when each agent wrote COMPLETED (its own log): the pool may see the board before the poll
      // step does
      Map<String, Instant> completed = new java.util.HashMap<>();
      for (String agent : List.of("A", "B", "C")) {
        for (String line : Team.lines(team.log(agent))) {
          String[] parts = line.split(" ");
          if (parts.length > 3 && parts[1].equals("BOARD") && parts[3].equals("COMPLETED")) {
            completed.putIfAbsent(parts[2], Instant.parse(parts[0]));
          }
        }
      }
      assertThat(firstPrompt.get("T-002")).isAfterOrEqualTo(completed.get("T-001"));
      assertThat(firstPrompt.get("T-003")).isAfterOrEqualTo(completed.get("T-002"));
      assertThat(
              team.readBoard()
                  .task(dev.baton.board.TaskId.parse("T-003").orElseThrow())
                  .orElseThrow()
                  .task())
          .contains("T-002");
    }
  }

  @Test
  void completionsLandingTogetherAreAllNoticedAndEachFreedAgentGetsWorkAtOnce(@TempDir Path dir)
      throws Exception {
    try (Team team =
        new Team(
                dir,
                List.of(
                    Member.lead("W1", "--work", "1s"),
                    Member.of("W2", "--work", "1s"),
                    Member.of("W3", "--work", "1s"),
                    Member.of("W4", "--work", "1s")))
            // agents finishing in lockstep sometimes erase each other's COMPLETED; a short idle
            // nudge recovers it.
            // The test phase has no idle nudge (a lost test verdict waits for two 60 s polls), and
            // it is not what
            // this test is about: the test command gives its verdicts.
            .with("--baton.idle-nudge=2s", "--baton.test-command=true")
            .start()) {
      // a long poll: only the board watcher's messages (and the idle nudge) can make this run
      // finish in time
      var run =
          team.run(
              "- a\n- b\n- c\n- d\n- e\n- f\n- g\n- h\n",
              Duration.ofSeconds(60),
              Duration.ofSeconds(100));

      assertThat(run.phase()).isEqualTo(Phase.DONE);
      Board board = team.readBoard();
      assertThat(board.tasks().stream().filter(r -> r.status() == TaskStatus.COMPLETED))
          .hasSizeGreaterThanOrEqualTo(8);
      assertThat(team.events(run.runId(), "completed")).hasSizeGreaterThanOrEqualTo(8);
      List<LogEntry> log = board.log();
      assertThat(log).hasSizeGreaterThanOrEqualTo(8);
      // the second round of prompts answers completions the watcher read: each is measured for the
      // latency metric
      assertThat(team.events(run.runId(), "reacted"))
          .isNotEmpty()
          .allSatisfy(
              e ->
                  assertThat(e.message())
                      .matches("T-\\d{3} COMPLETED → T-\\d{3} typed latencyMs=\\d+"));
    }
  }
}
