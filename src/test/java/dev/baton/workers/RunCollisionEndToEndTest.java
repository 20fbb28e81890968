package dev.baton.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.board.Board;
import dev.baton.board.TaskRow;
import dev.baton.run.JournalEntry;
import dev.baton.run.Phase;
import dev.baton.run.ResumeOnStart;
import dev.baton.run.RunJournal;
import dev.baton.run.RunLauncher;
import dev.baton.run.RunParameters;
import dev.baton.run.RunRegistry;
import dev.baton.workers.Team.Member;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs that must not collide on one workdir: the same command typed again after a crash continues
 * its run instead of starting a copy beside it, and a request accepted while Baton is starting is
 * not also resumed.
 */
@Tag("end-to-end")
class RunCollisionEndToEndTest {

  private static final List<Member> MEMBERS =
      List.of(
          Member.lead("Claude", "--work", "1500ms..2500ms"),
          Member.of("AMP", "--work", "1500ms..2500ms"));

  private static final String REQUEST = "- One\n- Two\n- Three\n- Four\n- Five\n";

  @Test
  void theSameCommandAfterAKillResumesItsRunAndStartsNoCopy(@TempDir Path dir) throws Exception {
    try (Team team = new Team(dir, MEMBERS)) {
      RunJournal journal = new RunJournal(team.workdir, Clock.systemUTC());
      Process first = team.runInChild(dir.resolve("first.out"), "--poll-interval", "2s", REQUEST);
      try {
        Awaitility.await()
            .atMost(Duration.ofSeconds(180))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> journal.unfinished().stream().anyMatch(e -> e.prompts().size() >= 2));
      } finally {
        first.destroyForcibly();
        first.waitFor(10, TimeUnit.SECONDS);
      }
      String runId = journal.unfinished().getFirst().runId();

      // The same words, typed again with other line endings and spacing: still the same request.
      Process second =
          team.runInChild(
              dir.resolve("second.out"),
              "--poll-interval",
              "2s",
              REQUEST.replace("\n", "\r\n").replace("- ", "-  "));
      boolean ended = second.waitFor(180, TimeUnit.SECONDS);
      if (!ended) {
        second.destroyForcibly();
      }
      String out = Files.readString(dir.resolve("second.out"));
      assertThat(ended).as("the second run ended; its output:\n%s", out).isTrue();
      assertThat(second.exitValue()).as(out).isZero();
      assertThat(out).contains("Resuming run " + runId);

      List<JournalEntry> runs = journal.all();
      assertThat(runs)
          .as("runs in the journal")
          .extracting(JournalEntry::runId)
          .containsExactly(runId);
      assertThat(runs.getFirst().phase()).isEqualTo(Phase.DONE);
      Board board = team.readBoard();
      assertThat(board.tasks()).as("5 tasks and their 5 tests, once").hasSize(10);
      for (TaskRow row : board.tasks()) {
        assertThat(team.promptsWithoutCause(row.id().value())).as(row.id().value()).isZero();
      }
      assertThat(team.report()).contains(runId).contains("5 of 5 completed");
    }
  }

  @Test
  void aRequestAcceptedWhileBatonStartsIsNotResumedASecondTime(@TempDir Path dir) throws Exception {
    try (Team team = new Team(dir, MEMBERS).start()) {
      // A request that lands before the start-up resume has listed the journals (a POST as soon as
      // the port
      // answers): the resume then finds its journal, unfinished.
      var run =
          team.bean(RunLauncher.class)
              .start(REQUEST, new RunParameters(Duration.ofSeconds(2), 2, 3, 3));
      team.bean(ResumeOnStart.class).resumeUnfinished();

      var done = team.bean(RunRegistry.class).awaitEnd(run.runId(), Duration.ofSeconds(150));

      assertThat(done.phase()).isEqualTo(Phase.DONE);
      assertThat(team.events(run.runId(), "resumed")).as("resumed events").isEmpty();
      assertThat(done.processInstanceKey()).isEqualTo(run.processInstanceKey());
      assertThat(team.readBoard().tasks()).hasSize(10);
      for (TaskRow row : team.readBoard().tasks()) {
        assertThat(team.promptsWithoutCause(row.id().value())).as(row.id().value()).isZero();
      }
    }
  }
}
