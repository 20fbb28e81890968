package dev.baton.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.run.JournalEntry;
import dev.baton.run.Phase;
import dev.baton.run.RunJournal;
import dev.baton.workers.Team.Member;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Phases 4–5 for real: Baton runs the configured test command itself (honest verdicts), the
 * simulated agents run their own test and fix commands, and the Ralph loop goes test → debug → fix
 * → re-test.
 */
@Tag("end-to-end")
class RalphEndToEndTest {

  private static final Duration POLL = Duration.ofSeconds(2);
  private static final Duration LIMIT = Duration.ofSeconds(150);

  /** A tiny project whose test fails until a file exists; the fix command creates it. */
  private static final String FAILS_UNTIL_FIXED =
      """
      #!/bin/sh
      if [ -f fixed ]; then echo "1 passed, 0 failed"; exit 0; fi
      echo "CalculatorTest > addsNumbers FAILED: expected 4 but was 5"
      exit 1
      """;

  private static Team team(Path dir, String fixCommand, String... baton) {
    Team.write(dir.resolve("check.sh"), FAILS_UNTIL_FIXED);
    return new Team(
            dir,
            List.of(
                Member.lead(
                    "Claude",
                    "--work",
                    "300ms",
                    "--test-command",
                    "sh check.sh",
                    "--fix-command",
                    fixCommand),
                Member.of(
                    "AMP",
                    "--work",
                    "300ms",
                    "--test-command",
                    "sh check.sh",
                    "--fix-command",
                    fixCommand)))
        .with(baton)
        .start();
  }

  private static List<JournalEntry.TestOutcome> outcomes(Team team, String runId) {
    return team.bean(RunJournal.class).get(runId).orElseThrow().tests();
  }

  @Test
  void passesOnCycleOneWhenTheProjectIsGreen(@TempDir Path dir) throws Exception {
    Team.write(dir.resolve("fixed"), "");
    try (Team team = team(dir, "true", "--baton.test-command=sh check.sh")) {
      var run = team.run("- Add numbers\n", POLL, LIMIT);

      assertThat(run.phase()).isEqualTo(Phase.DONE);
      assertThat(outcomes(team, run.runId()))
          .singleElement()
          .satisfies(
              t -> {
                assertThat(t.cycle()).isEqualTo(1);
                assertThat(t.verdict()).isEqualTo("passed");
              });
      assertThat(team.report()).contains("| T-001 | T-002 | 1: passed | PASSED |");
    }
  }

  @Test
  void aFixPromptPastThePromptLimitIsNotSentAndTheTestIsGivenUpWithTheReasonOnTheBoard(
      @TempDir Path dir) throws Exception {
    try (Team team =
        team(
            dir,
            "touch fixed",
            "--baton.test-command=sh check.sh",
            "--baton.max-prompts-per-task=1")) {
      var run = team.run("- Add numbers\n", POLL, LIMIT);

      assertThat(run.phase()).isEqualTo(Phase.DONE);
      var board = team.readBoard();
      var test = board.task(dev.baton.board.TaskId.parse("T-002").orElseThrow()).orElseThrow();
      assertThat(test.status()).isEqualTo(dev.baton.board.TaskStatus.BLOCKED);
      assertThat(board.log())
          .anySatisfy(
              l ->
                  assertThat(l.note())
                      .contains(
                          "given up: too many prompts: 1 sent for T-002 (baton.max-prompts-per-task)"));
      int testPrompts =
          team.promptsReceived("Claude").getOrDefault("T-002", 0)
              + team.promptsReceived("AMP").getOrDefault("T-002", 0);
      assertThat(testPrompts)
          .as("the test prompt only: the fix prompt was never typed")
          .isEqualTo(1);
      assertThat(dir.resolve("fixed")).doesNotExist();
      assertThat(team.events(run.runId(), "given-up"))
          .singleElement()
          .satisfies(e -> assertThat(e.taskId()).isEqualTo("T-002"));
    }
  }

  @Test
  void failsThenPassesOnCycleTwoAfterTheAuthorsFix(@TempDir Path dir) throws Exception {
    try (Team team = team(dir, "touch fixed", "--baton.test-command=sh check.sh")) {
      var run = team.run("- Add numbers\n", POLL, LIMIT);

      assertThat(run.phase()).isEqualTo(Phase.DONE);
      assertThat(outcomes(team, run.runId()))
          .extracting(JournalEntry.TestOutcome::cycle, JournalEntry.TestOutcome::verdict)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(1, "failed"),
              org.assertj.core.groups.Tuple.tuple(2, "passed"));
      assertThat(outcomes(team, run.runId()).getFirst().detail()).contains("expected 4 but was 5");
      String author =
          team.readBoard()
              .task(dev.baton.board.TaskId.parse("T-001").orElseThrow())
              .orElseThrow()
              .assignedTo();
      String authorName = author.substring(0, author.indexOf(' '));
      assertThat(team.promptsReceived(authorName)).containsKey("T-002");
      assertThat(team.report()).contains("1: failed, 2: passed").contains("expected 4 but was 5");
    }
  }

  @Test
  void exhaustedAfterThreeCyclesIsEscalatedAndTheReportStillComes(@TempDir Path dir)
      throws Exception {
    try (Team team = team(dir, "true", "--baton.test-command=sh check.sh")) {
      var run = team.run("- Add numbers\n", POLL, LIMIT);

      assertThat(run.phase()).isEqualTo(Phase.DONE);
      assertThat(outcomes(team, run.runId()))
          .extracting(JournalEntry.TestOutcome::verdict)
          .containsExactly("failed", "failed", "failed", "escalated");
      assertThat(team.events(run.runId(), "escalated")).hasSize(1);
      assertThat(team.report()).contains("FAILING").contains("1: failed, 2: failed, 3: failed");
    }
  }

  @Test
  void aTesterWhosePaneDiesLosesTheTestToAnotherAgentAndTheRunEndsDone(@TempDir Path dir)
      throws Exception {
    Team.write(dir.resolve("fixed"), "");
    Team.write(dir.resolve("check.sh"), FAILS_UNTIL_FIXED);
    String slowTest = "sleep 6; sh check.sh"; // long enough to kill the tester while it tests
    try (Team team =
        new Team(
                dir,
                List.of(
                    Member.lead("Claude", "--work", "300ms", "--test-command", slowTest),
                    Member.of("AMP", "--work", "300ms", "--test-command", slowTest)))
            .with("--baton.test-command=sh check.sh")
            .start()) {
      var started =
          team.bean(dev.baton.run.RunLauncher.class)
              .start("- Add numbers\n", new dev.baton.run.RunParameters(POLL, 2, 3, 3));
      String[] tester = new String[1];
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                for (String name : List.of("Claude", "AMP")) {
                  if (team.promptsReceived(name).containsKey("T-002")) {
                    tester[0] = name;
                    return true;
                  }
                }
                return false;
              });
      String other = tester[0].equals("Claude") ? "AMP" : "Claude";
      // the pane stays, dead, as a crashed CLI leaves it: the agent is gone, its tmux server is not
      team.tmux.setWindowOption(team.session + ":" + tester[0], "remain-on-exit", "on");
      long pid = team.tmux.paneInfo(team.session + ":" + tester[0]).pid();
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);

      var run = team.bean(dev.baton.run.RunRegistry.class).awaitEnd(started.runId(), LIMIT);

      assertThat(run.phase()).isEqualTo(Phase.DONE);
      assertThat(team.events(run.runId(), "agent-gone"))
          .anySatisfy(e -> assertThat(e.agent()).isEqualTo(tester[0]));
      assertThat(team.events(run.runId(), "reassigned"))
          .anySatisfy(
              e -> {
                assertThat(e.taskId()).isEqualTo("T-002");
                assertThat(e.agent()).isEqualTo(tester[0]);
              });
      assertThat(team.promptsReceived(other)).containsKey("T-002");
      var row =
          team.readBoard().task(dev.baton.board.TaskId.parse("T-002").orElseThrow()).orElseThrow();
      assertThat(row.status()).isEqualTo(dev.baton.board.TaskStatus.COMPLETED);
      assertThat(row.assignedTo()).startsWith(other);
      assertThat(outcomes(team, run.runId()))
          .singleElement()
          .satisfies(t -> assertThat(t.verdict()).isEqualTo("passed"));
      assertThat(team.report()).contains("| T-001 | T-002 | 1: passed | PASSED |");
    }
  }

  @Test
  void aTestCommandThatHangsTimesOutAndCountsAsAFailure(@TempDir Path dir) throws Exception {
    try (Team team =
        team(dir, "true", "--baton.test-command=sleep 30", "--baton.test-timeout=1s")) {
      var run =
          team.bean(dev.baton.run.RunLauncher.class)
              .start("- Slow suite\n", new dev.baton.run.RunParameters(POLL, 2, 1, 3));
      var done = team.bean(dev.baton.run.RunRegistry.class).awaitEnd(run.runId(), LIMIT);

      assertThat(done.phase()).isEqualTo(Phase.DONE);
      assertThat(outcomes(team, run.runId()).getFirst().detail()).contains("timed out");
      assertThat(outcomes(team, run.runId()))
          .extracting(JournalEntry.TestOutcome::verdict)
          .containsExactly("failed", "escalated");
    }
  }
}
