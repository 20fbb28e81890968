package dev.baton.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.BatonApplication;
import dev.baton.board.TaskId;
import dev.baton.board.TaskStatus;
import dev.baton.run.JournalEntry;
import dev.baton.run.Phase;
import dev.baton.run.RunJournal;
import dev.baton.run.RunRegistry;
import dev.baton.workers.Team.Member;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Baton killed with SIGKILL (its engine and all its memory gone) and started again on the same
 * workdir: the run is found in the journal and on the board, resumed at the right phase, and
 * carried to its report without a task lost, done twice, or prompted twice.
 */
@Tag("end-to-end")
class ResumeEndToEndTest {

  private static final List<Member> MEMBERS =
      List.of(
          Member.lead("Claude", "--work", "1500ms..2500ms"),
          Member.of("AMP", "--work", "1500ms..2500ms"));

  private static final String REQUEST = "- One\n- Two\n- Three\n- Four\n- Five\n";

  @Test
  void killedDuringDistributionResumesWithoutDuplicatePrompts(@TempDir Path dir) throws Exception {
    try (Team team = new Team(dir, MEMBERS)) {
      killBatonWhen(
          team, e -> e.prompts().size() >= 2 && e.phase().ordinal() < Phase.TEST.ordinal());
      assertResumedToTheEnd(team);
    }
  }

  @Test
  void killedDuringTheTestPhaseResumesThere(@TempDir Path dir) throws Exception {
    try (Team team = new Team(dir, MEMBERS)) {
      killBatonWhen(
          team,
          e ->
              e.phase() == Phase.TEST
                  && e.prompts().stream().anyMatch(p -> p.kind().equals("test")));
      assertResumedToTheEnd(team);
    }
  }

  /**
   * An agent's window closed while Baton was down: the restart resumes the run with the agents left
   * (the missing one reads as dead, its task goes to another), where a fresh start with that window
   * missing is refused.
   */
  @Test
  void anAgentWhoseWindowClosedWhileBatonWasDownIsLeftOutOfTheResumedRun(@TempDir Path dir)
      throws Exception {
    List<Member> three = new ArrayList<>(MEMBERS);
    three.add(Member.of("Codex", "--work", "1500ms..2500ms"));
    try (Team team = new Team(dir, three)) {
      killBatonWhen(
          team, e -> e.prompts().size() >= 3 && e.phase().ordinal() < Phase.TEST.ordinal());
      team.tmux.killWindow(team.session + ":AMP");

      team.with("--baton.resume=true").start();
      String runId = new RunJournal(team.workdir, Clock.systemUTC()).all().getFirst().runId();
      var done = team.bean(RunRegistry.class).awaitEnd(runId, Duration.ofSeconds(150));

      assertThat(done.phase()).isEqualTo(Phase.DONE);
      var board = team.readBoard();
      JournalEntry entry = team.bean(RunJournal.class).get(runId).orElseThrow();
      for (String id : entry.taskIds()) {
        assertThat(board.status(TaskId.parse(id).orElseThrow()))
            .as(id)
            .contains(TaskStatus.COMPLETED);
      }
      assertThat(team.report()).contains("5 of 5 completed");
    }
  }

  /**
   * Killed once the test rows are on the board; an agent then writes back a copy it read before
   * they were added. The restarted Baton puts them back from the journal and the test phase ends.
   */
  @Test
  void testRowsErasedWhileBatonWasDownArePutBack(@TempDir Path dir) throws Exception {
    try (Team team = new Team(dir, MEMBERS)) {
      killBatonWhen(team, e -> e.phase() == Phase.TEST && !e.testTasks().isEmpty());
      JournalEntry killed = new RunJournal(team.workdir, Clock.systemUTC()).unfinished().getFirst();
      List<String> testIds =
          killed.testTasks().stream().map(JournalEntry.TestTask::testId).toList();
      String stale =
          String.join(
                  "\n",
                  java.nio.file.Files.readString(team.board)
                      .lines()
                      .filter(l -> testIds.stream().noneMatch(id -> l.startsWith("| " + id + " ")))
                      .toList())
              + "\n";
      java.nio.file.Files.writeString(team.board, stale);
      assertThat(team.readBoard().status(TaskId.parse(testIds.getFirst()).orElseThrow())).isEmpty();

      assertResumedToTheEnd(team);
    }
  }

  /**
   * The agents' tmux server died while Baton was down: the restart ends the run as a death under it
   * would.
   */
  @Test
  void aRunWhoseTmuxServerDiedWhileBatonWasDownEndsFailedWithItsReport(@TempDir Path dir)
      throws Exception {
    try (Team team = new Team(dir, MEMBERS)) {
      killBatonWhen(
          team, e -> e.prompts().size() >= 2 && e.phase().ordinal() < Phase.TEST.ordinal());
      assertThat(team.tmux.killServer()).isTrue();

      team.with("--baton.resume=true").start();
      String runId = new RunJournal(team.workdir, Clock.systemUTC()).all().getFirst().runId();
      var ended = team.bean(RunRegistry.class).awaitEnd(runId, Duration.ofSeconds(90));

      assertThat(ended.phase()).isEqualTo(Phase.FAILED);
      assertThat(team.report()).contains("**The run failed:** the agents' tmux server is gone");
      assertThat(team.readBoard().tasks())
          .extracting(dev.baton.board.TaskRow::status)
          .doesNotContain(TaskStatus.IN_PROGRESS);
    }
  }

  @Test
  void aFreshStartWithAnAgentWindowMissingIsRefused(@TempDir Path dir) {
    try (Team team = new Team(dir, MEMBERS)) {
      team.tmux.killWindow(team.session + ":AMP");
      assertThatThrownBy(team::start)
          .hasStackTraceContaining("agents do not match tmux")
          .hasStackTraceContaining("agent AMP (target team:AMP): no such tmux window or pane");
    }
  }

  /**
   * Runs Baton in a child JVM against the team, and kills it with SIGKILL once the journal matches.
   */
  private static void killBatonWhen(Team team, Predicate<JournalEntry> moment) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    if (Runtime.version().feature() >= 24) {
      cmd.add("--sun-misc-unsafe-memory-access=allow");
    }
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            BatonApplication.class.getName(),
            "run",
            "--plain"));
    cmd.addAll(team.batonArgs());
    cmd.addAll(List.of("--poll-interval", "2s", REQUEST));
    Process baton =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(team.workdir.resolve("first-baton.out").toFile())
            .start();
    RunJournal journal = new RunJournal(team.workdir, Clock.systemUTC());
    try {
      Awaitility.await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> journal.unfinished().stream().anyMatch(moment));
    } finally {
      baton.destroyForcibly();
      baton.waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(journal.unfinished()).as("the killed run is unfinished").hasSize(1);
  }

  private static void assertResumedToTheEnd(Team team) throws Exception {
    team.with(batonArgsForSecondStart(team)).start();
    String runId =
        new RunJournal(team.workdir, Clock.systemUTC())
            .unfinished().stream()
                .map(JournalEntry::runId)
                .findFirst()
                .orElseGet(() -> team.bean(RunRegistry.class).all().iterator().next().runId());
    var done = team.bean(RunRegistry.class).awaitEnd(runId, Duration.ofSeconds(120));

    assertThat(done.phase()).isEqualTo(Phase.DONE);
    JournalEntry entry = team.bean(RunJournal.class).get(runId).orElseThrow();
    var board = team.readBoard();
    List<String> all = new ArrayList<>(entry.taskIds());
    entry.testTasks().forEach(t -> all.add(t.testId()));
    for (String id : all) {
      assertThat(board.status(TaskId.parse(id).orElseThrow())).as(id).isPresent();
      long recorded = entry.prompts().stream().filter(p -> p.taskId().equals(id)).count();
      long silenceReprompts =
          team.events(runId).stream()
              .filter(e -> id.equals(e.taskId()))
              .filter(e -> e.kind().equals("interrupted") || e.kind().equals("reassigned"))
              .count();
      assertThat((long) team.promptsFor(id))
          .as("every prompt %s's agents received is one a Baton recorded first", id)
          .isLessThanOrEqualTo(recorded)
          .isPositive();
      assertThat(team.promptsWithoutCause(id))
          .as("prompts for %s while its agent still held it unreported (a task sent twice)", id)
          .isZero();
      assertThat(recorded).as("prompts for %s", id).isGreaterThanOrEqualTo(1 + silenceReprompts);
    }
    for (String id : entry.taskIds()) {
      assertThat(board.status(TaskId.parse(id).orElseThrow()))
          .as(id)
          .contains(TaskStatus.COMPLETED);
    }
    assertThat(entry.taskIds()).hasSize(5);
    assertThat(entry.testTasks()).hasSize(5);
    assertThat(team.report()).contains("5 of 5 completed").contains("5 feature(s) passed");
  }

  private static String[] batonArgsForSecondStart(Team team) {
    return new String[] {"--baton.resume=true"};
  }
}
