package dev.baton.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.board.Board;
import dev.baton.board.TaskId;
import dev.baton.board.TaskRow;
import dev.baton.board.TaskStatus;
import dev.baton.run.Phase;
import dev.baton.run.RunEvent;
import dev.baton.run.RunLauncher;
import dev.baton.run.RunParameters;
import dev.baton.run.RunRegistry;
import dev.baton.run.RunSnapshot;
import dev.baton.workers.Team.Member;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults that used to leave a run waiting for ever, with everything real: the agents' tmux server
 * killed mid-run, an agent that stays busy for ever, and a run whose last agent died. Each must end
 * in a visible route: interrupted and reassigned, or a report naming the reason.
 */
@Tag("end-to-end")
class FaultsEndToEndTest {
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration LIMIT = Duration.ofSeconds(120);

  private static RunSnapshot start(Team team, String request, RunParameters parameters) {
    return team.bean(RunLauncher.class).start(request, parameters);
  }

  private static void awaitPrompted(Team team, String runId, long prompts) {
    await()
        .atMost(Duration.ofSeconds(40))
        .until(() -> team.events(runId, "prompted").size() >= prompts);
  }

  @Test
  void killingTheAgentsTmuxServerMidRunFailsTheRunWithAReportAndPutsTheTasksBack(@TempDir Path dir)
      throws Exception {
    try (Team team =
        new Team(
                dir,
                List.of(Member.lead("Claude", "--work", "30s"), Member.of("AMP", "--work", "30s")))
            .start()) {
      RunSnapshot started =
          start(team, "- First\n- Second\n- Third\n", new RunParameters(POLL, 2, 3, 3));
      awaitPrompted(team, started.runId(), 2);

      assertThat(team.tmux.killServer()).isTrue();
      RunSnapshot run = team.bean(RunRegistry.class).awaitEnd(started.runId(), LIMIT);

      assertThat(run.phase()).isEqualTo(Phase.FAILED);
      assertThat(team.events(run.runId(), "agents-lost")).hasSize(1);
      assertThat(team.report())
          .contains("**The run failed:** the agents' tmux server is gone")
          .contains("agents-lost")
          .doesNotContain("Progress: 100 %");
      Board board = team.readBoard();
      assertThat(board.tasks()).extracting(TaskRow::status).doesNotContain(TaskStatus.IN_PROGRESS);
      assertThat(team.events(run.runId(), "run-failed"))
          .singleElement()
          .satisfies(e -> assertThat(e.message()).contains("back to PENDING: T-00"));
    }
  }

  @Test
  void anAgentBusyForEverIsInterruptedPromptedAgainThenItsTaskIsReassigned(@TempDir Path dir)
      throws Exception {
    try (Team team =
        new Team(
                dir, List.of(Member.lead("Hang", "--hang"), Member.of("Worker", "--work", "300ms")))
            .start()) {
      RunSnapshot started =
          start(
              team,
              "- Left\n- Right\n",
              new RunParameters(POLL, 2, 3, 3, 3, Duration.ofMinutes(45), Duration.ofMinutes(30)));
      RunSnapshot run = team.bean(RunRegistry.class).awaitEnd(started.runId(), LIMIT);

      assertThat(run.phase()).isEqualTo(Phase.DONE);
      String hung =
          team.events(run.runId(), "prompted").stream()
              .filter(e -> "Hang".equals(e.agent()))
              .findFirst()
              .orElseThrow()
              .taskId();
      assertThat(team.promptsReceived("Hang").get(hung))
          .as("first prompt, then the re-prompt")
          .isEqualTo(2);
      assertThat(team.events(run.runId(), "interrupted"))
          .filteredOn(e -> hung.equals(e.taskId()))
          .singleElement()
          .satisfies(
              e ->
                  assertThat(e.message())
                      .startsWith(
                          "busy with no change on its screen or the board for 3 poll(s): interrupted with Escape"));
      assertThat(team.events(run.runId(), "reassigned"))
          .extracting(RunEvent::taskId, RunEvent::message)
          .contains(
              org.assertj.core.groups.Tuple.tuple(
                  hung, "taken from Hang (stuck), back to PENDING"));
      assertThat(
              Team.lines(team.log("Hang")).stream().filter(l -> l.contains(" INTERRUPTED " + hung)))
          .as("interrupted once for the re-prompt, once when the task was taken away")
          .hasSize(2);
      TaskRow row = team.readBoard().task(TaskId.parse(hung).orElseThrow()).orElseThrow();
      assertThat(row.status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(row.assignedTo()).startsWith("Worker");
      assertThat(team.report()).contains("2 of 2 completed");
    }
  }

  @Test
  void aRunWhoseLastAgentDiedEndsAsStalledWithAReport(@TempDir Path dir) throws Exception {
    try (Team team = new Team(dir, List.of(Member.lead("Doomed", "--hang"))).start()) {
      RunSnapshot started =
          start(
              team,
              "- Only task\n",
              new RunParameters(POLL, 2, 3, 3, 5, Duration.ofMinutes(45), Duration.ofSeconds(4)));
      awaitPrompted(team, started.runId(), 1);
      // the pane stays, dead, so the tmux server (whose only window it is) stays up: the agent is
      // gone, not tmux
      team.tmux.setWindowOption(team.session + ":Doomed", "remain-on-exit", "on");
      long pid = team.tmux.paneInfo(team.session + ":Doomed").pid();
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);

      RunSnapshot run = team.bean(RunRegistry.class).awaitEnd(started.runId(), LIMIT);

      assertThat(run.phase()).isEqualTo(Phase.FAILED);
      assertThat(team.events(run.runId(), "agent-gone")).isNotEmpty();
      assertThat(team.events(run.runId(), "stalled")).hasSize(1);
      assertThat(team.report())
          .contains("**The run failed:** the run stalled: nothing moved for 4 s")
          .contains("T-001 PENDING waiting for an agent")
          .contains("Doomed gone");
    }
  }

  @Test
  void aTaskWaitingForARowDeletedFromTheBoardIsReleasedAndTheRunReachesItsReport(@TempDir Path dir)
      throws Exception {
    try (Team team = new Team(dir, List.of(Member.lead("Solo", "--work", "300ms"))).start()) {
      String schemaRow = "| T-001 | Schema, by hand | | HIGH | PENDING | 2026-12-01 |\n";
      Team.write(
          team.board,
          Team.EMPTY_BOARD.replace(
              "|----|------|-------------|----------|--------|---------|\n",
              "|----|------|-------------|----------|--------|---------|\n" + schemaRow));
      RunSnapshot started =
          start(team, "- Migration (after T-001)\n", new RunParameters(POLL, 2, 3, 3));
      await()
          .atMost(Duration.ofSeconds(40))
          .until(() -> !team.events(started.runId(), "waiting").isEmpty());

      String text = java.nio.file.Files.readString(team.board);
      Team.write(team.board, text.replace(schemaRow, ""));
      RunSnapshot run = team.bean(RunRegistry.class).awaitEnd(started.runId(), LIMIT);

      assertThat(run.phase()).isEqualTo(Phase.DONE);
      assertThat(team.events(run.runId(), "dependency-gone"))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.taskId()).isEqualTo("T-002");
                assertThat(e.message()).contains("T-001, which is no longer on the board");
              });
      TaskRow row = team.readBoard().task(TaskId.parse("T-002").orElseThrow()).orElseThrow();
      assertThat(row.status()).isEqualTo(TaskStatus.BLOCKED);
      assertThat(team.readBoard().log())
          .anySatisfy(l -> assertThat(l.note()).contains("T-001 is no longer on the board"));
      assertThat(team.promptsReceived("Solo")).doesNotContainKey("T-002");
      assertThat(team.report()).contains("dependency-gone");
    }
  }
}
