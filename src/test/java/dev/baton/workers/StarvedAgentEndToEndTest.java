package dev.baton.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.board.TaskId;
import dev.baton.board.TaskRow;
import dev.baton.board.TaskStatus;
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
 * A team of one whose CLI is starved when its first prompt arrives (a loaded machine: the keys wait
 * in the terminal, the screen does not move) for longer than Baton waits for the echo. Baton
 * presses no Enter and clears what it typed; the agent rests one poll interval and then gets the
 * same task again, since nobody else could ever take it, and the run ends with the task done on one
 * submitted prompt.
 */
@Tag("end-to-end")
class StarvedAgentEndToEndTest {
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration LIMIT = Duration.ofSeconds(120);

  @Test
  void theOnlyAgentTakesItsTaskBackAfterAnEchoThatCameTooLate(@TempDir Path dir) throws Exception {
    try (Team team =
        new Team(dir, List.of(Member.lead("Solo", "--work", "300ms", "--stall-once", "12s")))
            .start()) {
      RunSnapshot run = team.run("- Create the model\n", POLL, LIMIT);

      String events = team.events(run.runId()).toString();
      assertThat(run.phase()).as(events).isEqualTo(Phase.DONE);
      assertThat(team.events(run.runId(), "unreachable"))
          .as("the first prompt, never echoed in time")
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.taskId()).isEqualTo("T-001");
                assertThat(e.message()).contains("NOT_SUBMITTED").contains("Enter not pressed");
              });
      assertThat(team.events(run.runId(), "idle"))
          .as("no idle nudge counted from the time the first prompt was being typed")
          .isEmpty();
      assertThat(team.events(run.runId(), "prompted"))
          .as(events)
          .filteredOn(e -> "T-001".equals(e.taskId()))
          .singleElement()
          .satisfies(e -> assertThat(e.agent()).isEqualTo("Solo"));
      assertThat(Team.lines(team.log("Solo"))).anySatisfy(l -> assertThat(l).contains("STALLED"));
      assertThat(team.promptsReceived("Solo"))
          .as("the text typed during the stall was cleared, not submitted with the second")
          .containsEntry("T-001", 1);
      TaskRow row = team.readBoard().task(TaskId.parse("T-001").orElseThrow()).orElseThrow();
      assertThat(row.status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(row.assignedTo()).startsWith("Solo");
    }
  }
}
