package dev.baton.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.agents.Agent;
import dev.baton.agents.AgentRoster;
import dev.baton.agents.CliKind;
import dev.baton.git.Git;
import dev.baton.report.IsolationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worktrees of a run against a real repository: made, found again, refused on dirt, cleaned.
 */
class WorkspacesTest {
  static final String R1 = "run-20260101-120000-a1b2";
  static final String R2 = "run-20260101-130000-c3d4";

  static Workspaces workspaces(Path dir, boolean allowDirty) {
    AgentRoster roster =
        new AgentRoster(
            List.of(
                new Agent("AMP", "team:AMP", CliKind.SIMULATED, true, "w1", null, null),
                new Agent("Codex 2", "team:Codex", CliKind.SIMULATED, false, "w2", null, null)));
    return new Workspaces(
        new IsolationProperties(Isolation.WORKTREE, allowDirty, Duration.ofSeconds(20)),
        dir,
        dir.resolve("CLAUDE.md"),
        roster);
  }

  static Git repo(Path dir) throws Exception {
    Git git = new Git(dir, Duration.ofSeconds(20));
    git.ok("init", "--quiet", "--initial-branch=main");
    Files.writeString(dir.resolve("app.txt"), "v1\n");
    git.commitAll("first", Merges.identity("me"));
    return git;
  }

  @Test
  void aRunGetsItsBranchesAndWorktreesFromTheCurrentCommitAndFindsThemAgain(@TempDir Path dir)
      throws Exception {
    Git git = repo(dir);
    String head = git.head();
    Files.writeString(dir.resolve("CLAUDE.md"), "# board\n"); // the board is not dirt
    Files.createDirectories(dir.resolve(".baton/runs"));
    Files.writeString(dir.resolve(".baton/runs/x.json"), "{}");
    Workspaces ws = workspaces(dir, false);
    ws.prepare(R1, true);

    assertThat(git.branches("baton/"))
        .containsExactlyInAnyOrder(
            "baton/" + R1, "baton/" + R1 + "-AMP", "baton/" + R1 + "-Codex-2");
    assertThat(ws.folderOf("Codex 2")).isEqualTo(dir.resolve(".baton/worktrees/Codex-2"));
    assertThat(git.in(ws.folderOf("AMP")).currentBranch()).contains("baton/" + R1 + "-AMP");
    assertThat(git.in(ws.integrationFolder()).head()).isEqualTo(head);
    assertThat(ws.base(R1)).contains(head);
    assertThat(git.currentBranch()).as("the user's branch").contains("main");

    // a resumed run: the same worktrees, the agent's unfinished work still there
    Files.writeString(ws.folderOf("AMP").resolve("wip.txt"), "half done\n");
    ws.prepare(R1, false);
    assertThat(ws.folderOf("AMP").resolve("wip.txt")).hasContent("half done");
    assertThat(git.worktrees()).hasSize(4);
  }

  @Test
  void aDirtyWorkdirIsRefusedInOneSentenceUnlessAllowed(@TempDir Path dir) throws Exception {
    Git git = repo(dir);
    Files.writeString(dir.resolve("app.txt"), "v2, not committed\n");
    Files.writeString(dir.resolve("notes.txt"), "new\n");
    assertThatThrownBy(() -> workspaces(dir, false).prepare(R1, true))
        .isInstanceOf(DirtyTreeException.class)
        .hasMessageContaining("uncommitted changes (app.txt, notes.txt)")
        .hasMessageContaining("--allow-dirty");
    assertThat(git.branches("baton/")).as("nothing made").isEmpty();

    workspaces(dir, true).prepare(R1, true);
    assertThat(workspaces(dir, true).folderOf("AMP").resolve("app.txt")).hasContent("v1");
  }

  @Test
  void cleanRemovesOnlyThatRunsWorktreesAndOnRequestItsBranches(@TempDir Path dir)
      throws Exception {
    Git git = repo(dir);
    Path mine = dir.resolveSibling(dir.getFileName() + "-mine");
    git.createBranch("feature", git.head());
    git.addWorktree(mine, "feature");
    Workspaces ws = workspaces(dir, false);
    ws.prepare(R1, true);
    assertThatThrownBy(() -> ws.prepare(R2, true))
        .hasMessageContaining("the worktrees of run " + R1 + " are still in")
        .hasMessageContaining("./baton clean " + R1);

    Workspaces.Cleaned cleaned = ws.clean(R1, false, false);
    assertThat(cleaned.worktrees()).hasSize(3);
    assertThat(cleaned.branches()).isEmpty();
    assertThat(git.branches("baton/")).hasSize(3);
    ws.prepare(R2, true);
    Workspaces.Cleaned second = ws.clean(R2, true, false);
    assertThat(second.branches())
        .containsExactlyInAnyOrder(
            "baton/" + R2, "baton/" + R2 + "-AMP", "baton/" + R2 + "-Codex-2");
    assertThat(git.branches("baton/"))
        .as("the other run's branches stay")
        .containsExactlyInAnyOrder(
            "baton/" + R1, "baton/" + R1 + "-AMP", "baton/" + R1 + "-Codex-2");
    assertThat(git.worktrees())
        .extracting(Git.Worktree::branch)
        .containsExactlyInAnyOrder("main", "feature");
    assertThat(mine.resolve("app.txt")).exists();
  }

  @Test
  void mergesCommitTheAgentsWorkAndLeaveAConflictInTheAuthorsWorktree(@TempDir Path dir)
      throws Exception {
    Git git = repo(dir);
    Workspaces ws = workspaces(dir, false);
    ws.prepare(R1, true);
    Merges merges = new Merges(ws);
    Files.writeString(ws.folderOf("AMP").resolve("same.txt"), "by AMP\n");
    Files.writeString(ws.folderOf("Codex 2").resolve("same.txt"), "by Codex\n");
    Merges.Outcome first = merges.merge(R1, "T-001", "Write the file", "AMP");
    assertThat(first.merged()).isTrue();
    Merges.Outcome second = merges.merge(R1, "T-002", "Write it too", "Codex 2");
    assertThat(second.merged()).isFalse();
    assertThat(second.conflictFiles()).containsExactly("same.txt");
    assertThat(merges.merge(R1, "T-002", "Write it too", "Codex 2").conflictFiles())
        .as("asked again before it is resolved")
        .containsExactly("same.txt");

    // staged and committed with the markers still in: not merged, still a conflict
    Git codex = git.in(ws.folderOf("Codex 2"));
    codex.commitAll("resolved, supposedly", Merges.identity("Codex 2"));
    assertThat(merges.merge(R1, "T-002", "Write it too", "Codex 2").conflictFiles())
        .as("markers committed are no resolution")
        .containsExactly("same.txt");
    assertThat(git.ok("show", "baton/" + R1 + ":same.txt")).isEqualTo("by AMP\n");
    Files.writeString(ws.folderOf("Codex 2").resolve("same.txt"), "by AMP\nby Codex\n");
    assertThat(merges.merge(R1, "T-002", "Write it too", "Codex 2").merged()).isTrue();
    assertThat(git.ok("show", "baton/" + R1 + ":same.txt")).isEqualTo("by AMP\nby Codex\n");
    assertThat(git.log(ws.base(R1).orElseThrow(), "baton/" + R1))
        .extracting(Git.Commit::subject, Git.Commit::author)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("T-001: Write the file", "AMP"),
            org.assertj.core.groups.Tuple.tuple("T-002: Write it too", "Codex 2"),
            org.assertj.core.groups.Tuple.tuple(
                "T-002: Write it too", "Codex 2")); // its work, then its real fix
    assertThat(dir.resolve("same.txt")).as("the user's tree").doesNotExist();

    // given up: the work is kept on its own branch, the worktree starts over from the integration
    // branch
    Files.writeString(ws.folderOf("AMP").resolve("other.txt"), "AMP again\n");
    Files.writeString(ws.folderOf("Codex 2").resolve("other.txt"), "Codex again\n");
    assertThat(merges.merge(R1, "T-003", "Again", "AMP").merged()).isTrue();
    assertThat(merges.merge(R1, "T-004", "Again", "Codex 2").merged()).isFalse();
    String kept = merges.giveUp(R1, "T-004", "Codex 2");
    assertThat(kept).isEqualTo("baton/" + R1 + "-Codex-2-T-004");
    assertThat(git.ok("show", kept + ":other.txt")).isEqualTo("Codex again\n");
    assertThat(ws.folderOf("Codex 2").resolve("other.txt")).hasContent("AMP again");
    assertThat(git.in(ws.folderOf("Codex 2")).mergeInProgress()).isFalse();

    String report = new IsolationReport(ws).section(R1, List.of());
    assertThat(report)
        .contains("T-001: ")
        .contains("T-003: ")
        .contains(kept + "`: kept, not merged");
    assertThat(report.strip().lines().toList().getLast())
        .isEqualTo("To take the work into your branch: git merge baton/" + R1);
  }

  @Test
  void promptsNameTheFolderToWorkInAndTheBoardsAbsolutePathOnlyInWorktreeMode(@TempDir Path dir)
      throws Exception {
    repo(dir);
    Workspaces ws = workspaces(dir, false);
    PromptFolders folders = new PromptFolders(ws);
    var templates = new dev.baton.agents.PromptTemplates(null, "en");
    Agent amp = new Agent("AMP", "team:AMP", CliKind.SIMULATED, true, "w1", null, null);
    var values =
        new java.util.HashMap<>(
            java.util.Map.of(
                "taskId",
                "T-001",
                "description",
                "Write it",
                "board",
                "CLAUDE.md",
                "agent",
                "AMP"));
    values.putAll(folders.values(R1, "AMP", dev.baton.agents.PromptKind.TASK));
    String prompt =
        folders.withFolder(
            templates,
            amp,
            values,
            templates.render(dev.baton.agents.PromptKind.TASK, amp, values));
    assertThat(prompt)
        .startsWith(
            "Work in the folder "
                + dir.resolve(".baton/worktrees/AMP")
                + " (a git worktree on branch baton/"
                + R1
                + "-AMP")
        .contains("update the file " + dir.resolve("CLAUDE.md"));
    assertThat(folders.values(R1, "AMP", dev.baton.agents.PromptKind.TEST))
        .containsEntry("folder", dir.resolve(".baton/worktrees/_integration").toString());

    Workspaces shared =
        Workspaces.of(
            new IsolationProperties(Isolation.SHARED, false, Duration.ofSeconds(5)),
            dir,
            dir.resolve("CLAUDE.md"),
            new AgentRoster(List.of(amp)));
    assertThat(new PromptFolders(shared).values(R1, "AMP", dev.baton.agents.PromptKind.TASK))
        .isEmpty();
    assertThat(new PromptFolders(shared).withFolder(templates, amp, values, "Task T-001: x"))
        .isEqualTo("Task T-001: x");
    shared.prepare(R1, true);
    assertThat(new Git(dir, Duration.ofSeconds(5)).branches("baton/"))
        .as("shared mode makes no branch")
        .isEmpty();
  }

  @Test
  void aWorkdirBelowTheRepositorysTopWorksInTheSameFolderOfEachWorktree(@TempDir Path dir)
      throws Exception {
    Git git = repo(dir);
    Path app = Files.createDirectories(dir.resolve("app"));
    Files.writeString(app.resolve("main.txt"), "main\n");
    git.commitAll("app", Merges.identity("me"));
    Workspaces ws = workspaces(app, false);
    ws.prepare(R1, true);
    assertThat(ws.worktreeOf("AMP")).isEqualTo(app.resolve(".baton/worktrees/AMP"));
    assertThat(ws.folderOf("AMP")).isEqualTo(app.resolve(".baton/worktrees/AMP/app"));
    assertThat(ws.folderOf("AMP").resolve("main.txt")).hasContent("main");
    assertThat(ws.integrationFolder()).isEqualTo(app.resolve(".baton/worktrees/_integration/app"));
    Files.writeString(ws.folderOf("AMP").resolve("new.txt"), "new\n");
    Files.writeString(ws.worktreeOf("AMP").resolve("top.txt"), "top\n");
    assertThat(new Merges(ws).merge(R1, "T-001", "Both", "AMP").merged()).isTrue();
    assertThat(ws.integrationFolder().resolve("new.txt")).hasContent("new");
    assertThat(ws.integrationWorktree().resolve("top.txt")).hasContent("top");
  }
}
