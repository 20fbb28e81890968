package dev.baton.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The git client against real repositories in temporary folders. */
class GitTest {
  static final Git.Identity ME = new Git.Identity("Tester", "tester@baton.local");

  static Git repo(Path dir) throws Exception {
    Git git = new Git(dir, Duration.ofSeconds(20));
    git.ok("init", "--quiet", "--initial-branch=main");
    Files.writeString(dir.resolve("README"), "hello\n");
    git.commitAll("first", ME);
    return git;
  }

  @Test
  void commitsEverythingLeftAndSaysWhenThereIsNothing(@TempDir Path dir) throws Exception {
    Git git = repo(dir);
    assertThat(git.changedPaths()).isEmpty();
    Files.writeString(dir.resolve("-f"), "a file named like a flag\n");
    Files.createDirectories(dir.resolve("with space"));
    Files.writeString(dir.resolve("with space/--help"), "x\n");
    assertThat(git.changedPaths()).containsExactlyInAnyOrder("-f", "with space/--help");
    String sha = git.commitAll("T-001: files with odd names", ME).orElseThrow();
    assertThat(git.head()).isEqualTo(sha);
    assertThat(git.changedPaths()).isEmpty();
    assertThat(git.commitAll("nothing", ME)).isEmpty();
    assertThat(git.log(sha + "~1", "HEAD"))
        .containsExactly(new Git.Commit(sha, "Tester", "T-001: files with odd names"));
  }

  @Test
  void worktreesOnBranchesMergeAndConflictsAreTyped(@TempDir Path dir) throws Exception {
    Path repoDir = Files.createDirectories(dir.resolve("my repo"));
    Git git = repo(repoDir);
    String base = git.head();
    git.createBranch("baton/r-A", base);
    git.createBranch("baton/r-B", base);
    git.createBranch("baton/r", base);
    Path a = dir.resolve("-wt A");
    Path b = dir.resolve("-wt B");
    Path integration = dir.resolve("-integration");
    git.addWorktree(a, "baton/r-A");
    git.addWorktree(b, "baton/r-B");
    git.addWorktree(integration, "baton/r");
    assertThat(git.worktrees())
        .extracting(Git.Worktree::branch)
        .containsExactlyInAnyOrder("main", "baton/r-A", "baton/r-B", "baton/r");
    assertThat(git.in(a).currentBranch()).contains("baton/r-A");

    Files.writeString(a.resolve("same.txt"), "from A\n");
    Files.writeString(b.resolve("same.txt"), "from B\n");
    git.in(a).commitAll("T-001: A", new Git.Identity("A", "A@baton.local"));
    git.in(b).commitAll("T-002: B", new Git.Identity("B", "B@baton.local"));
    git.in(integration).merge("baton/r-A", "merge A", ME);
    assertThat(Files.readString(integration.resolve("same.txt"))).isEqualTo("from A\n");

    assertThatThrownBy(() -> git.in(integration).merge("baton/r-B", "merge B", ME))
        .isInstanceOfSatisfying(
            MergeConflictException.class,
            e -> {
              assertThat(e.files()).containsExactly("same.txt");
              assertThat(e.getMessage())
                  .contains("-integration")
                  .contains("git merge")
                  .contains("same.txt");
            });
    assertThat(git.in(integration).mergeInProgress()).isTrue();
    git.in(integration).abortMerge();
    assertThat(git.in(integration).mergeInProgress()).isFalse();
    assertThat(git.in(integration).changedPaths()).isEmpty();

    // resolved where it is: the commit concludes the merge
    assertThatThrownBy(() -> git.in(b).merge("baton/r", "update B", ME))
        .isInstanceOf(MergeConflictException.class);
    Files.writeString(b.resolve("same.txt"), "from A\nfrom B\n");
    git.in(b).commitAll("T-002: B (merge)", ME).orElseThrow();
    git.in(integration).merge("baton/r-B", "merge B", ME);
    assertThat(Files.readString(integration.resolve("same.txt"))).isEqualTo("from A\nfrom B\n");
    assertThat(git.log(base, "baton/r"))
        .extracting(Git.Commit::subject)
        .containsExactly("T-001: A", "T-002: B");
    assertThat(git.currentBranch()).contains("main");
    assertThat(Files.exists(repoDir.resolve("same.txt")))
        .as("the user's tree is untouched")
        .isFalse();

    git.removeWorktree(a, true);
    git.deleteBranch("baton/r-A");
    assertThat(git.branches("baton/")).containsExactlyInAnyOrder("baton/r", "baton/r-B");
    assertThat(Files.exists(a)).isFalse();
  }

  @Test
  void aFailingCommandIsTypedAndNamesTheRepositoryAndTheCommand(@TempDir Path dir)
      throws Exception {
    Git git = repo(dir);
    assertThatThrownBy(() -> git.ok("checkout", "no-such-branch"))
        .isInstanceOfSatisfying(
            GitCommandException.class,
            e -> {
              assertThat(e.exitCode()).isNotZero();
              assertThat(e.getMessage())
                  .contains(dir.toString())
                  .contains("git checkout no-such-branch");
              assertThat(e.stderr()).contains("no-such-branch");
              assertThat(e.repo()).isEqualTo(dir.toAbsolutePath().normalize());
            });
    assertThatThrownBy(() -> git.createBranch("-D", git.head()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'-D'");
    assertThat(git.branchCommit("nope")).isEmpty();
    assertThat(new Git(dir.resolve("missing"), Duration.ofSeconds(5)).isWorkTree()).isFalse();
  }

  @Test
  void aCallThatRunsTooLongIsStoppedAtItsLimit(@TempDir Path dir) throws Exception {
    Git slow = new Git(repo(dir).dir(), Duration.ofMillis(500));
    long start = System.nanoTime();
    assertThatThrownBy(() -> slow.run(List.of("-c", "alias.nap=!sleep 10", "nap")))
        .isInstanceOf(GitTimeoutException.class)
        .hasMessageContaining("did not finish within PT0.5S");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }
}
