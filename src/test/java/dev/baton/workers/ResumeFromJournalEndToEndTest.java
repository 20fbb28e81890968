package dev.baton.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.baton.run.JournalEntry;
import dev.baton.run.Phase;
import dev.baton.run.RunJournal;
import dev.baton.run.RunParameters;
import dev.baton.run.RunRegistry;
import dev.baton.workers.Team.Member;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Baton stopped at moments a kill -9 rarely hits on cue, set up exactly from the journal and the
 * board a killed Baton leaves behind, then started again on the workdir: the restart must neither
 * type twice, count twice, forget Ralph cycles nor write rows twice.
 */
@Tag("end-to-end")
class ResumeFromJournalEndToEndTest {

  private static final String RUN = "run-20261203-070000-beef";
  private static final List<Member> MEMBERS =
      List.of(Member.lead("Claude", "--work", "800ms"), Member.of("AMP", "--work", "800ms"));

  private static RunJournal journal(Team team, String request, Phase phase) {
    RunJournal journal = new RunJournal(team.workdir, Clock.systemUTC());
    journal.begin(RUN, request, new RunParameters(Duration.ofSeconds(2), 2, 3, 3).asVariables());
    journal.phase(RUN, phase);
    return journal;
  }

  private static String board(String rows, String log) {
    return Team.EMPTY_BOARD
        .replace(
            "|----|------|-------------|----------|--------|---------|\n",
            "|----|------|-------------|----------|--------|---------|\n" + rows)
        .replace(
            "|------|-------|------|--------|------|\n",
            "|------|-------|------|--------|------|\n" + log);
  }

  private static JournalEntry.Prompt prompt(String taskId, String agent, String kind, long jobKey) {
    return new JournalEntry.Prompt(Instant.now(), taskId, agent, kind, jobKey, 0);
  }

  @Test
  void aPromptLeftInTheInputLineIsClearedAndSentOnceAndCountedOnce(@TempDir Path dir)
      throws Exception {
    try (Team team = new Team(dir, MEMBERS)) {
      Team.write(
          team.board,
          board(
              "| T-001 | One | AMP (w2) | MED | IN_PROGRESS | 2026-12-03 "
                  + RUN
                  + " |\n"
                  + "| T-002 | Two | | MED | PENDING | 2026-12-03 "
                  + RUN
                  + " |\n",
              ""));
      RunJournal journal = journal(team, "- One\n- Two\n", Phase.DISTRIBUTE);
      journal.tasks(RUN, List.of("T-001", "T-002"), false, 0);
      journal.prompt(RUN, prompt("T-001", "AMP", "task", 11));
      // Killed after typing, before Enter: the text is in AMP's input line, never submitted.
      team.tmux.sendLiteral(team.session + ":AMP", "Tâche T-001 : One");
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  team.tmux
                      .capture(team.session + ":AMP", 50, false)
                      .contains("› Tâche T-001 : One"));

      team.start();
      var done = team.bean(RunRegistry.class).awaitEnd(RUN, Duration.ofSeconds(120));

      assertThat(done.phase()).isEqualTo(Phase.DONE);
      JournalEntry entry = team.bean(RunJournal.class).get(RUN).orElseThrow();
      assertThat(team.promptsFor("T-001")).as("prompts T-001's agents received").isEqualTo(1);
      assertThat(entry.prompts().stream().filter(p -> p.taskId().equals("T-001")))
          .as("prompts journaled for T-001")
          .hasSize(1);
      assertThat(team.events(RUN, "unsent")).extracting(e -> e.taskId()).containsExactly("T-001");
      assertThat(team.events(RUN, "interrupted")).isEmpty();
      int received =
          List.of("T-001", "T-002", "T-003", "T-004").stream().mapToInt(team::promptsFor).sum();
      assertThat(team.report()).contains("Prompts sent: " + received + "\n");
    }
  }

  @Test
  void aResumedTestPhaseGoesOnWithTheNextRalphCycle(@TempDir Path dir) throws Exception {
    try (Team team = new Team(dir, MEMBERS)) {
      Team.write(
          team.board,
          board(
              "| T-001 | Add numbers | AMP (w2) | MED | COMPLETED | 2026-12-03 "
                  + RUN
                  + " |\n"
                  + "| T-002 | Lancer les tests pour T-001 : Add numbers | AMP (w2) | MED | COMPLETED | 2026-12-03 "
                  + RUN
                  + " |\n",
              "| 2026-12-03 | AMP | T-001 | COMPLETED | fait |\n"
                  + "| 2026-12-03 | AMP | T-002 | BLOCKED | FAILED: expected 4 but was 5 |\n"
                  + "| 2026-12-03 | AMP | T-002 | COMPLETED | PASSED après correctif |\n"));
      RunJournal journal = journal(team, "- Add numbers\n", Phase.TEST);
      journal.tasks(RUN, List.of("T-001"), false, 0);
      journal.testTasks(RUN, List.of(new JournalEntry.TestTask("T-002", "T-001", "AMP")));
      journal.prompt(RUN, prompt("T-001", "AMP", "task", 1));
      journal.prompt(RUN, prompt("T-002", "AMP", "test", 2));
      journal.test(
          RUN,
          new JournalEntry.TestOutcome(
              Instant.now(), "T-001", "T-002", 1, "failed", "expected 4 but was 5"));
      journal.prompt(RUN, prompt("T-002", "AMP", "fix", 3));

      team.start();
      var done = team.bean(RunRegistry.class).awaitEnd(RUN, Duration.ofSeconds(120));

      assertThat(done.phase()).isEqualTo(Phase.DONE);
      assertThat(team.bean(RunJournal.class).get(RUN).orElseThrow().tests())
          .extracting(JournalEntry.TestOutcome::cycle, JournalEntry.TestOutcome::verdict)
          .containsExactly(tuple(1, "failed"), tuple(2, "passed"));
      assertThat(team.report()).contains("| T-001 | T-002 | 1: failed, 2: passed | PASSED |");
      assertThat(team.promptsFor("T-002")).as("no test prompt sent again").isZero();
    }
  }

  @Test
  void rowsWrittenBeforeTheJournalKnewThemAreTakenBackNotAddedAgain(@TempDir Path dir)
      throws Exception {
    try (Team team = new Team(dir, MEMBERS)) {
      // Killed between writing the run's rows and journaling them.
      Team.write(
          team.board,
          board(
              "| T-001 | One | | MED | PENDING | 2026-12-03 "
                  + RUN
                  + " |\n"
                  + "| T-002 | Two | | MED | PENDING | 2026-12-03 "
                  + RUN
                  + " |\n"
                  + "| T-003 | Three | | MED | PENDING | 2026-12-03 "
                  + RUN
                  + " |\n",
              ""));
      journal(team, "- One\n- Two\n- Three\n", Phase.DECOMPOSE);

      team.start();
      var done = team.bean(RunRegistry.class).awaitEnd(RUN, Duration.ofSeconds(120));

      assertThat(done.phase()).isEqualTo(Phase.DONE);
      assertThat(team.bean(RunJournal.class).get(RUN).orElseThrow().taskIds())
          .containsExactly("T-001", "T-002", "T-003");
      assertThat(team.readBoard().tasks()).as("3 tasks and 3 tests").hasSize(6);
      assertThat(team.report()).contains("3 of 3 completed").contains("3 feature(s) passed");
    }
  }
}
