package dev.baton.isolation;

import dev.baton.git.Git;
import dev.baton.git.MergeConflictException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * The git side of "Merge the task's work": commit what the agent left in its worktree, bring its
 * branch up to date with the integration branch (a conflict stops here, in the agent's own
 * worktree, where it can resolve it), then merge its branch into the integration branch in the
 * integration worktree, which is then clean by construction. Merges of one run are serialised;
 * every step is safe to repeat (a job may be delivered twice).
 */
@Component
public class Merges {
  /** Baton's own identity, for the integration worktree's leftovers at the report. */
  static final Git.Identity BATON = new Git.Identity("Baton", "baton@baton.local");

  private final Workspaces workspaces;
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  public Merges(Workspaces workspaces) {
    this.workspaces = workspaces;
  }

  /**
   * What a merge came to.
   *
   * @param merged true when the task's work is in the integration branch and the agent's branch is
   *     up to date
   * @param conflictFiles the files to resolve in the agent's worktree when not merged
   * @param commit the task's commit, or null when the agent left nothing new
   */
  public record Outcome(boolean merged, List<String> conflictFiles, String commit) {}

  public static Git.Identity identity(String agent) {
    return new Git.Identity(agent, Workspaces.slug(agent) + "@baton.local");
  }

  public Outcome merge(String runId, String taskId, String title, String agent) {
    return locked(
        runId,
        () -> {
          Git mine = workspaces.git().in(workspaces.worktreeOf(agent));
          Git integration = workspaces.git().in(workspaces.integrationWorktree());
          String integrationBranch = Workspaces.integrationBranch(runId);
          String branch = Workspaces.branchOf(runId, agent);
          Git.Identity who = identity(agent);
          if (mine.mergeInProgress()) {
            List<String> left = stillConflicted(mine);
            if (!left.isEmpty()) {
              return new Outcome(false, left, null);
            }
          }
          String before = mine.head();
          mine.commitAll(taskId + ": " + oneLine(title), who);
          String commit = mine.head().equals(before) ? null : mine.head();
          try {
            mine.merge(
                integrationBranch,
                "Merge " + integrationBranch + " into " + branch + " for " + taskId,
                who);
          } catch (MergeConflictException e) {
            return new Outcome(false, e.files(), commit);
          }
          // an agent that committed its "resolution" with the markers still in: never into the
          // integration branch
          List<String> marked = markedFiles(mine, integrationBranch);
          if (!marked.isEmpty()) {
            return new Outcome(false, marked, commit);
          }
          if (integration.mergeInProgress()) {
            integration.abortMerge(); // a merge a crash left half done: the agent's branch holds
            // everything anyway
          }
          integration.merge(branch, taskId + ": merge " + branch, who);
          mine.merge(integrationBranch, "Merge " + integrationBranch + " into " + branch, who);
          return new Outcome(true, List.of(), commit);
        });
  }

  /**
   * The merge conflict outlived its attempts: the agent's work is kept on {@code
   * baton/<run>-<agent>-<task>}, its worktree goes back to the integration branch so its next task
   * starts clean.
   *
   * @return the branch that keeps the task's work
   */
  public String giveUp(String runId, String taskId, String agent) {
    return locked(
        runId,
        () -> {
          Git git = workspaces.git();
          Git mine = git.in(workspaces.worktreeOf(agent));
          if (mine.mergeInProgress()) {
            mine.abortMerge();
          }
          mine.commitAll(taskId + ": work left when the merge was given up", identity(agent));
          String keep = Workspaces.branchOf(runId, agent) + "-" + taskId;
          if (git.branchCommit(keep).isEmpty()) {
            git.createBranch(keep, mine.head());
          }
          mine.ok(
              "reset", "--quiet", "--hard", "refs/heads/" + Workspaces.integrationBranch(runId));
          return keep;
        });
  }

  /**
   * A resumed run: its worktrees are found again, and work its agents finished while Baton was
   * stopped (a task the board shows COMPLETED is not watched again, so its merge would be missed)
   * is committed and merged now. A conflict is left for the agent's next merge, which the model
   * routes to a resolve prompt.
   *
   * @return the agents whose work was merged
   */
  public List<String> resume(String runId) {
    workspaces.prepare(runId, false);
    if (!workspaces.isolated()) {
      return List.of();
    }
    return locked(
        runId,
        () -> {
          List<String> merged = new ArrayList<>();
          String integrationBranch = Workspaces.integrationBranch(runId);
          Git integration = workspaces.git().in(workspaces.integrationWorktree());
          for (String agent : workspaces.agentNames()) {
            Git mine = workspaces.git().in(workspaces.worktreeOf(agent));
            if (mine.mergeInProgress()) {
              continue; // a conflict already handed to the agent
            }
            Git.Identity who = identity(agent);
            mine.commitAll("Work left in the worktree while Baton was stopped", who);
            String branch = Workspaces.branchOf(runId, agent);
            if (mine.log("refs/heads/" + integrationBranch, "refs/heads/" + branch).isEmpty()) {
              continue;
            }
            try {
              mine.merge(integrationBranch, "Merge " + integrationBranch + " into " + branch, who);
            } catch (MergeConflictException e) {
              mine.abortMerge();
              continue;
            }
            if (integration.mergeInProgress()) {
              integration.abortMerge();
            }
            integration.merge(
                branch, "Merge " + branch + " (work done while Baton was stopped)", who);
            merged.add(agent);
          }
          return merged;
        });
  }

  /**
   * Commits what the test phase left in the integration worktree, so the branch holds the tested
   * tree.
   */
  public java.util.Optional<String> commitIntegration(String runId) {
    return locked(
        runId,
        () ->
            workspaces
                .git()
                .in(workspaces.integrationWorktree())
                .commitAll("Test phase: changes left in the integration worktree", BATON));
  }

  /**
   * Unmerged files that still hold conflict markers (files the agent resolved but did not stage
   * count as done).
   */
  private static List<String> stillConflicted(Git git) {
    List<String> left = new ArrayList<>();
    for (String file : git.unmergedPaths()) {
      Path p = git.dir().resolve(file);
      try {
        if (Files.isRegularFile(p) && hasMarkers(Files.readString(p, StandardCharsets.UTF_8))) {
          left.add(file);
        }
      } catch (IOException | java.io.UncheckedIOException e) {
        left.add(file);
      }
    }
    return left;
  }

  /**
   * Files the agent's branch changes against the integration branch that still hold a whole
   * conflict.
   */
  private static List<String> markedFiles(Git mine, String integrationBranch) {
    String out =
        mine.ok(
            "diff",
            "--name-only",
            "-z",
            "--diff-filter=AM",
            "refs/heads/" + integrationBranch,
            "HEAD",
            "--");
    List<String> marked = new ArrayList<>();
    for (String file : out.split("\0")) {
      Path p = mine.dir().resolve(file);
      try {
        if (!file.isEmpty()
            && Files.isRegularFile(p)
            && Files.size(p) < 5_000_000
            && hasWholeConflict(Files.readString(p, StandardCharsets.UTF_8))) {
          marked.add(file);
        }
      } catch (IOException | java.io.UncheckedIOException e) {
        // not text: git's own conflict check covers binary files
      }
    }
    return marked;
  }

  static boolean hasMarkers(String text) {
    return text.lines().anyMatch(l -> l.startsWith("<<<<<<< ") || l.startsWith(">>>>>>> "));
  }

  static boolean hasWholeConflict(String text) {
    List<String> lines = text.lines().toList();
    return lines.stream().anyMatch(l -> l.startsWith("<<<<<<< "))
        && lines.contains("=======")
        && lines.stream().anyMatch(l -> l.startsWith(">>>>>>> "));
  }

  private static String oneLine(String s) {
    String t = s == null ? "" : s.replaceAll("\\s+", " ").strip();
    return t.length() > 72 ? t.substring(0, 71) + "…" : t;
  }

  private <T> T locked(String runId, java.util.function.Supplier<T> body) {
    ReentrantLock lock = locks.computeIfAbsent(runId, r -> new ReentrantLock());
    lock.lock();
    try {
      return body.get();
    } finally {
      lock.unlock();
    }
  }
}
