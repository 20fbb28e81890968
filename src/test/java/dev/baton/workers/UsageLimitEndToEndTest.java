package dev.baton.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.agents.AgentPool;
import dev.baton.board.TaskId;
import dev.baton.board.TaskRow;
import dev.baton.board.TaskStatus;
import dev.baton.run.JournalEntry;
import dev.baton.run.Phase;
import dev.baton.run.RunEvent;
import dev.baton.run.RunJournal;
import dev.baton.run.RunSnapshot;
import dev.baton.workers.Team.Member;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent that hits its usage limit, with everything real: a simulated Amp (Amp's input box, Amp's
 * limit line {@code ✗ You've hit your usage limit · resets 5:40pm}) read with Baton's shipped Amp
 * patterns. The prompt it was given counts as delivered (journaled), the agent rests until the time
 * on its screen, its task finishes on another agent, and the report says which agent hit the limit
 * and until when.
 */
@Tag("end-to-end")
class UsageLimitEndToEndTest {
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration LIMIT = Duration.ofSeconds(120);

  @Test
  void anAmpAtItsUsageLimitRestsUntilTheResetTimeAndItsTaskFinishesElsewhere(@TempDir Path dir)
      throws Exception {
    ZoneId zone = ZoneId.systemDefault();
    LocalTime at = LocalTime.now(zone).plusHours(3).truncatedTo(ChronoUnit.MINUTES);
    String resets =
        "resets "
            + at.format(DateTimeFormatter.ofPattern("h:mma", Locale.ROOT)).toLowerCase(Locale.ROOT);
    ZonedDateTime today = ZonedDateTime.now(zone).with(at);
    Instant expected =
        (today.isAfter(ZonedDateTime.now(zone)) ? today : today.plusDays(1)).toInstant();

    try (Team team =
        new Team(
                dir,
                List.of(
                    Member.of("AMP", "--look", "amp", "--usage-limit", resets),
                    Member.lead("Worker", "--work", "300ms")))
            .start()) {
      RunSnapshot run = team.run("- First\n- Second\n", POLL, LIMIT);

      assertThat(run.phase()).isEqualTo(Phase.DONE);
      String limited =
          team.events(run.runId(), "prompted").stream()
              .filter(e -> "AMP".equals(e.agent()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "AMP's prompt was not delivered: " + team.events(run.runId())))
              .taskId();
      assertThat(team.events(run.runId(), "unreachable")).isEmpty();
      assertThat(Team.lines(team.log("AMP")))
          .anySatisfy(l -> assertThat(l).contains("USAGE_LIMIT " + limited));

      JournalEntry journal = team.bean(RunJournal.class).get(run.runId()).orElseThrow();
      assertThat(journal.prompts())
          .as("the prompt AMP received is journaled")
          .anySatisfy(
              p -> {
                assertThat(p.agent()).isEqualTo("AMP");
                assertThat(p.taskId()).isEqualTo(limited);
              });

      List<RunEvent> blocked = team.events(run.runId(), "blocked");
      assertThat(blocked)
          .filteredOn(e -> limited.equals(e.taskId()) && "AMP".equals(e.agent()))
          .singleElement()
          .satisfies(
              e -> assertThat(e.message()).contains("usage limit").contains(expected.toString()));

      AgentPool.Slot amp =
          team.bean(AgentPool.class).slots().stream()
              .filter(s -> s.agent().equals("AMP"))
              .findFirst()
              .orElseThrow();
      assertThat(amp.availability()).isEqualTo(AgentPool.Availability.COOLDOWN);
      assertThat(amp.until())
          .as("rests until the reset time on screen, not the 5 min default")
          .isEqualTo(expected);

      TaskRow row = team.readBoard().task(TaskId.parse(limited).orElseThrow()).orElseThrow();
      assertThat(row.status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(row.assignedTo()).startsWith("Worker");
      assertThat(team.report())
          .contains("2 of 2 completed")
          .contains(
              limited
                  + " (AMP) blocked: BLOCKED (credits): the screen shows a usage limit until "
                  + expected)
          .doesNotContain("NOT_SUBMITTED");
    }
  }
}
