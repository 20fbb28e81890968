package dev.baton.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.board.TaskId;
import dev.baton.board.TaskRow;
import dev.baton.board.TaskStatus;
import dev.baton.run.Phase;
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
 * The prompt limit with everything real: the step that would send one prompt too many raises the
 * model's {@code GUARD_HIT}, and the model's "give it up" path writes the reason on the board,
 * frees the agent and ends the task, while the run goes on to its report.
 */
@Tag("end-to-end")
class PromptLimitEndToEndTest {
  @Test
  void anUnblockPromptPastTheLimitIsNotSentAndTheTaskIsGivenUpWithTheReasonOnTheBoard(
      @TempDir Path dir) throws Exception {
    try (Team team =
        new Team(dir, List.of(Member.lead("Solo", "--work", "300ms", "--fail-technical-once")))
            .with("--baton.max-prompts-per-task=1")
            .start()) {
      RunSnapshot started =
          team.bean(RunLauncher.class)
              .start("- Parser\n", new RunParameters(Duration.ofSeconds(1), 2, 3, 3));
      RunSnapshot run =
          team.bean(RunRegistry.class).awaitEnd(started.runId(), Duration.ofSeconds(90));

      assertThat(run.phase()).isEqualTo(Phase.DONE);
      assertThat(team.promptsReceived("Solo"))
          .containsEntry("T-001", 1); // the unblock prompt was never typed
      TaskRow row = team.readBoard().task(TaskId.parse("T-001").orElseThrow()).orElseThrow();
      assertThat(row.status()).isEqualTo(TaskStatus.BLOCKED);
      assertThat(team.readBoard().log())
          .anySatisfy(
              l ->
                  assertThat(l.note())
                      .contains(
                          "given up: too many prompts: 1 sent for T-001 (baton.max-prompts-per-task)"));
      assertThat(team.events(run.runId(), "given-up"))
          .singleElement()
          .satisfies(e -> assertThat(e.taskId()).isEqualTo("T-001"));
      assertThat(team.events(run.runId(), "reassigned")).isEmpty();
    }
  }
}
