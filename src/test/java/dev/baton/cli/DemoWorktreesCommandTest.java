package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.baton.git.Git;
import dev.baton.tmux.TmuxTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code baton demo --worktrees}: isolation, a merge conflict resolved by its author, the merged
 * branch.
 */
@Tag("end-to-end")
class DemoWorktreesCommandTest {
  @Test
  void theDemoShowsAConflictResolvedAndEndsWithTheMergeLine() throws Exception {
    assumeTrue(TmuxTestServer.tmuxInstalled(), "tmux is not installed");
    var r =
        CliRunner.run(
            Cli.Environment.system().withTerminal(false),
            "demo",
            "--worktrees",
            "--plain",
            "--timeout",
            "4m",
            "--logging.level.root=WARN");

    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out())
        .contains("4 of 4 completed")
        .contains("merge-conflict")
        .contains("resolve prompt submitted")
        .contains("merge conflict in README.md; resolved by its author and merged");
    Matcher run =
        Pattern.compile("To take the work into your branch: git merge (baton/run-\\S+)")
            .matcher(r.out());
    assertThat(run.find()).isTrue();
    Matcher workdir = Pattern.compile("Demo workdir: (\\S+)").matcher(r.out());
    assertThat(workdir.find()).isTrue();
    Git git = new Git(Path.of(workdir.group(1)), Duration.ofSeconds(20));
    assertThat(git.ok("show", run.group(1) + ":README.md"))
        .contains("T-001 by")
        .contains("T-002 by");
    assertThat(git.currentBranch()).contains("main");
    assertThat(Files.readString(Path.of(workdir.group(1)).resolve("README.md")))
        .isEqualTo("# todo\n");
  }
}
