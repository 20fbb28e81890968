package dev.baton.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.agents.CliKind;
import dev.baton.board.TaskId;
import dev.baton.board.TaskRow;
import dev.baton.board.TaskStatus;
import dev.baton.hooks.HookInstaller;
import dev.baton.run.Phase;
import dev.baton.run.RunSnapshot;
import dev.baton.workers.Team.Member;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claude Code's Stop hook as a reminder, with everything real: an agent that ends its turn without
 * writing its row (the simulator runs the Stop hooks of {@code .claude/settings.local.json} as
 * Claude Code does) is refused the stop by {@code stop-guard.sh}, goes on, writes its row, and is
 * never interrupted or prompted again.
 */
@Tag("end-to-end")
class StopGuardEndToEndTest {

  @Test
  void anAgentThatForgotItsRowIsRemindedByTheStopHookAndNeverPromptedAgain(@TempDir Path dir)
      throws Exception {
    try (Team team =
        new Team(
            dir,
            List.of(
                Member.lead(
                    "Claude", "--work", "300ms", "--claude-hooks", "--forget-board-once")))) {
      new HookInstaller()
          .install(
              CliKind.CLAUDE,
              "Claude",
              team.workdir,
              team.board,
              team.tmux.paneInfo(team.session + ":Claude").paneId());
      team.start();
      RunSnapshot run = team.run("- Only task\n", Duration.ofSeconds(1), Duration.ofSeconds(120));

      assertThat(run.phase()).isEqualTo(Phase.DONE);
      List<String> log = Team.lines(team.log("Claude"));
      assertThat(log).anySatisfy(l -> assertThat(l).contains("BOARD_FORGOTTEN T-001"));
      assertThat(log)
          .anySatisfy(
              l ->
                  assertThat(l)
                      .contains("STOP_BLOCKED T-001 T-001 is still IN_PROGRESS in CLAUDE.md"));
      assertThat(log)
          .anySatisfy(l -> assertThat(l).contains("BOARD T-001 COMPLETED after-stop-hook"));
      assertThat(team.promptsReceived("Claude")).containsEntry("T-001", 1);
      assertThat(team.events(run.runId(), "interrupted")).isEmpty();
      TaskRow row = team.readBoard().task(TaskId.parse("T-001").orElseThrow()).orElseThrow();
      assertThat(row.status()).isEqualTo(TaskStatus.COMPLETED);
    }
  }
}
