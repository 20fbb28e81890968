package dev.baton.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.git.Git;
import dev.baton.isolation.DirtyTreeException;
import dev.baton.run.Phase;
import dev.baton.run.RunEvent;
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
 * Worktree isolation with everything real: a git repository as the workdir, simulated agents in
 * tmux writing files in the worktrees their prompts name, the embedded engine running
 * bpmn/baton.bpmn and its merge path.
 */
@Tag("end-to-end")
class WorktreeEndToEndTest {
  private static final Duration POLL = Duration.ofSeconds(2);
  private static final Duration LIMIT = Duration.ofSeconds(150);

  /** Makes the team's workdir a repository with one commit; the simulators' logs are ignored. */
  static Git repository(Team team) throws Exception {
    Git git = new Git(team.workdir, Duration.ofSeconds(20));
    git.ok("init", "--quiet", "--initial-branch=main");
    Files.writeString(team.workdir.resolve(".gitignore"), "sim-*.log\n*.out\n");
    Files.writeString(team.workdir.resolve("app.txt"), "the app\n");
    git.ok("add", "--", ".gitignore", "app.txt");
    git.ok(
        "-c",
        "user.name=me",
        "-c",
        "user.email=me@example.org",
        "commit",
        "--quiet",
        "-m",
        "start");
    return git;
  }

  @Test
  void twoAgentsOnDifferentFilesMergeCleanlyAndTheTestsRunOnTheMergedTree(@TempDir Path dir)
      throws Exception {
    try (Team team =
        new Team(
            dir,
            List.of(
                Member.lead("A", "--work", "800ms..1200ms"),
                Member.of("B", "--work", "800ms..1200ms")))) {
      Git git = repository(team);
      String head = git.head();
      team.with(
              "--baton.isolation=worktree",
              "--baton.test-command=test -f alpha.txt && test -f beta.txt")
          .start();
      var run = team.run("- Write alpha file:alpha.txt\n- Write beta file:beta.txt\n", POLL, LIMIT);

      assertThat(run.phase()).isEqualTo(Phase.DONE);
      String integration = "baton/" + run.runId();
      assertThat(git.ok("show", integration + ":alpha.txt")).startsWith("T-00");
      assertThat(git.ok("show", integration + ":beta.txt")).startsWith("T-00");
      List<Git.Commit> commits = git.log(head, integration);
      assertThat(commits)
          .extracting(Git.Commit::subject)
          .containsExactlyInAnyOrder(
              "T-001: Write alpha file:alpha.txt", "T-002: Write beta file:beta.txt");
      assertThat(commits).extracting(Git.Commit::author).containsExactlyInAnyOrder("A", "B");
      assertThat(team.events(run.runId(), "merged")).hasSize(2);
      assertThat(team.events(run.runId(), "test-passed"))
          .as("the test command saw both files")
          .hasSize(2);
      assertThat(team.events(run.runId(), "test-failed")).isEmpty();
      // the agents worked in their worktrees, not in the workdir, which Baton left as it was
      for (String agent : List.of("A", "B")) {
        assertThat(Team.lines(team.log(agent)))
            .filteredOn(l -> l.contains(" FILE "))
            .allSatisfy(l -> assertThat(l).contains("/.baton/worktrees/" + agent + "/"));
      }
      assertThat(dir.resolve("alpha.txt")).doesNotExist();
      assertThat(git.currentBranch()).contains("main");
      assertThat(git.head()).isEqualTo(head);
      String report = team.report();
      assertThat(report)
          .contains("## Branches")
          .contains("`" + integration + "-A`")
          .contains("### Merge conflicts\n\nNone.");
      assertThat(report.strip().lines().toList().getLast())
          .isEqualTo("To take the work into your branch: git merge " + integration);
    }
  }

  @Test
  void twoAgentsOnTheSameLinesConflictAndTheAuthorResolvesIt(@TempDir Path dir) throws Exception {
    try (Team team =
        new Team(
            dir,
            List.of(
                Member.lead("A", "--work", "1s..1500ms"),
                Member.of("B", "--work", "1s..1500ms")))) {
      Git git = repository(team);
      team.with("--baton.isolation=worktree").start();
      var run =
          team.run("- First take file:shared.txt\n- Second take file:shared.txt\n", POLL, LIMIT);

      assertThat(run.phase()).isEqualTo(Phase.DONE);
      List<RunEvent> conflicts = team.events(run.runId(), "merge-conflict");
      assertThat(conflicts).hasSize(1);
      assertThat(conflicts.getFirst().message()).contains("shared.txt");
      String author = conflicts.getFirst().agent();
      String task = conflicts.getFirst().taskId();
      assertThat(team.promptsReceived(author))
          .as("the task, then the resolve prompt")
          .containsEntry(task, 2);
      assertThat(Team.lines(team.log(author)))
          .anySatisfy(l -> assertThat(l).contains(" RESOLVED "));
      String merged = git.ok("show", "baton/" + run.runId() + ":shared.txt");
      assertThat(merged)
          .contains("T-001 by")
          .contains("T-002 by")
          .doesNotContain("<<<<<<<")
          .doesNotContain("=======");
      assertThat(team.events(run.runId(), "merged")).hasSize(2);
      assertThat(team.report())
          .contains(
              "### Merge conflicts\n\n- "
                  + task
                  + " ("
                  + author
                  + "): merge conflict in shared.txt; resolved by its author and merged");
    }
  }

  @Test
  void aConflictItsAuthorCannotResolveIsReportedAfterTheModelsLimitAndTheRunGoesOn(
      @TempDir Path dir) throws Exception {
    try (Team team =
        new Team(
            dir,
            List.of(
                Member.lead("A", "--work", "1s..1500ms", "--keep-conflicts"),
                Member.of("B", "--work", "1s..1500ms", "--keep-conflicts")))) {
      Git git = repository(team);
      team.with("--baton.isolation=worktree").start();
      var run =
          team.run("- First take file:shared.txt\n- Second take file:shared.txt\n", POLL, LIMIT);

      assertThat(run.phase()).isEqualTo(Phase.DONE);
      List<RunEvent> conflicts = team.events(run.runId(), "merge-conflict");
      assertThat(conflicts)
          .as("the first merge and one after each of the two resolve prompts")
          .hasSize(3);
      String task = conflicts.getFirst().taskId();
      String author = conflicts.getFirst().agent();
      assertThat(team.promptsReceived(author)).containsEntry(task, 3);
      List<RunEvent> givenUp = team.events(run.runId(), "merge-given-up");
      assertThat(givenUp).hasSize(1);
      String kept = "baton/" + run.runId() + "-" + author + "-" + task;
      assertThat(givenUp.getFirst().message()).contains(kept);
      assertThat(git.ok("show", kept + ":shared.txt"))
          .as("the author's own work, kept")
          .isEqualTo(task + " by " + author + "\n");
      assertThat(git.ok("show", "baton/" + run.runId() + ":shared.txt"))
          .doesNotContain("<<<<<<<")
          .doesNotContain(task);
      assertThat(team.report())
          .contains("merge conflict in shared.txt not resolved: the work is kept on branch " + kept)
          .contains("`" + kept + "`: kept, not merged");
    }
  }

  @Test
  void aRunKilledAndResumedKeepsItsWorktrees(@TempDir Path dir) throws Exception {
    try (Team team =
        new Team(
            dir,
            List.of(
                Member.lead("A", "--work", "1500ms..2500ms"),
                Member.of("B", "--work", "1500ms..2500ms")))) {
      Git git = repository(team);
      Process first =
          team.runInChild(
              dir.resolve("first-baton.out"),
              "--baton.isolation=worktree",
              "--poll-interval",
              "2s",
              "- One file:one.txt\n- Two file:two.txt\n- Three file:three.txt\n- Four file:four.txt\n");
      RunJournal journal = new RunJournal(dir, Clock.systemUTC());
      try {
        Awaitility.await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> journal.unfinished().stream().anyMatch(e -> e.prompts().size() >= 2));
      } finally {
        first.destroyForcibly();
        first.waitFor(10, TimeUnit.SECONDS);
      }
      String runId = journal.unfinished().getFirst().runId();
      List<Git.Worktree> before = git.worktrees();
      assertThat(before).hasSize(4);
      Path marker = dir.resolve(".baton/worktrees/A/marker.txt");
      Files.writeString(marker, "still here\n");

      team.with("--baton.isolation=worktree", "--baton.resume=true").start();
      var done = team.bean(RunRegistry.class).awaitEnd(runId, LIMIT);

      assertThat(done.phase()).isEqualTo(Phase.DONE);
      assertThat(git.worktrees())
          .as("the same worktrees, none made again")
          .extracting(Git.Worktree::path, Git.Worktree::branch)
          .containsExactlyElementsOf(
              before.stream()
                  .map(w -> org.assertj.core.groups.Tuple.tuple(w.path(), w.branch()))
                  .toList());
      assertThat(git.branches("baton/"))
          .containsExactlyInAnyOrder(
              "baton/" + runId, "baton/" + runId + "-A", "baton/" + runId + "-B");
      for (String file : List.of("one.txt", "two.txt", "three.txt", "four.txt", "marker.txt")) {
        assertThat(git.run(List.of("cat-file", "-e", "baton/" + runId + ":" + file)).exitCode())
            .as(file)
            .isZero();
      }
      assertThat(team.report()).contains("git merge baton/" + runId);
    }
  }

  @Test
  void aDirtyWorkdirIsRefusedBeforeTheRunStarts(@TempDir Path dir) throws Exception {
    try (Team team = new Team(dir, List.of(Member.lead("A", "--work", "300ms")))) {
      Git git = repository(team);
      Files.writeString(dir.resolve("app.txt"), "changed, not committed\n");
      team.with("--baton.isolation=worktree").start();
      assertThatThrownBy(
              () ->
                  team.bean(RunLauncher.class)
                      .start("- Anything\n", new RunParameters(POLL, 2, 3, 3)))
          .isInstanceOf(DirtyTreeException.class)
          .hasMessageContaining("has uncommitted changes (app.txt)")
          .hasMessageContaining("--allow-dirty");
      assertThat(git.branches("baton/")).isEmpty();
      assertThat(Team.lines(team.log("A"))).noneMatch(l -> l.contains(" PROMPT "));
    }
  }
}
