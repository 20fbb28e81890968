package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.agents.Agent;
import dev.baton.agents.AgentRoster;
import dev.baton.agents.CliKind;
import dev.baton.git.Git;
import dev.baton.isolation.Isolation;
import dev.baton.isolation.IsolationProperties;
import dev.baton.isolation.Workspaces;
import dev.baton.run.Phase;
import dev.baton.run.RunJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton clean RUN}: only that run's worktrees (and on request its branches), never a running
 * run's.
 */
class CleanCommandTest {
  static final String R1 = "run-20260101-120000-a1b2";
  static final String R2 = "run-20260101-130000-c3d4";

  @Test
  void removesOnlyThatRunsWorktreesAndRefusesARunThatHasNotFinished(@TempDir Path dir)
      throws Exception {
    Git git = new Git(dir, Duration.ofSeconds(20));
    git.ok("init", "--quiet", "--initial-branch=main");
    Files.writeString(dir.resolve("app.txt"), "v1\n");
    git.commitAll("first", new Git.Identity("me", "me@example.org"));
    AgentRoster roster =
        new AgentRoster(List.of(new Agent("A", "t:A", CliKind.SIMULATED, true, "w1", null, null)));
    Workspaces ws =
        Workspaces.of(
            new IsolationProperties(Isolation.WORKTREE, false, Duration.ofSeconds(20)),
            dir,
            dir.resolve("CLAUDE.md"),
            roster);
    ws.prepare(R1, true);
    RunJournal journal = new RunJournal(dir, Clock.systemUTC());
    journal.begin(R1, "- a\n", Map.of());
    List<String> setup = List.of("--baton.workdir=" + dir);

    var refused = CliRunner.run(CliRunner.offline(), CliRunner.args(setup, "clean", R1));
    assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(refused.err()).contains("run " + R1 + " has not finished").contains("--force");
    assertThat(git.worktrees()).hasSize(3);

    journal.phase(R1, Phase.DONE);
    var cleaned = CliRunner.run(CliRunner.offline(), CliRunner.args(setup, "clean", R1));
    assertThat(cleaned.exitCode()).as(cleaned.err()).isZero();
    assertThat(cleaned.out())
        .contains("removed worktree .baton/worktrees/A")
        .contains("removed worktree .baton/worktrees/_integration");
    assertThat(git.worktrees()).extracting(Git.Worktree::branch).containsExactly("main");
    assertThat(git.branches("baton/")).as("branches stay without --branches").hasSize(2);

    ws.prepare(R2, true);
    journal.begin(R2, "- b\n", Map.of());
    journal.phase(R2, Phase.DONE);
    var second =
        CliRunner.run(CliRunner.offline(), CliRunner.args(setup, "clean", R2, "--branches"));
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).contains("deleted branch baton/" + R2 + "-A");
    assertThat(git.branches("baton/"))
        .containsExactlyInAnyOrder("baton/" + R1, "baton/" + R1 + "-A");
    assertThat(dir.resolve("app.txt")).hasContent("v1");
  }
}
