package dev.baton.report;

import dev.baton.git.Git;
import dev.baton.isolation.Workspaces;
import dev.baton.run.Happened;
import dev.baton.run.RunEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The report's part about worktree isolation: the run's branches, the commits of each task, the
 * merge conflicts and, on its last line, how to take the work into the user's branch. Read from git
 * itself (and the run's merge events), so a resumed run reports what really is in the branches.
 */
@Component
public class IsolationReport {
  private static final Pattern TASK = Pattern.compile("^(T-\\d{3,}):");

  private final Workspaces workspaces;

  public IsolationReport(Workspaces workspaces) {
    this.workspaces = workspaces;
  }

  /** Whether the run works in worktrees. */
  public boolean active() {
    return workspaces.isolated();
  }

  /** The section to append to REPORT.md; empty in shared mode. */
  public String section(String runId, List<RunEvent> events) {
    if (!workspaces.isolated()) {
      return "";
    }
    Git git = workspaces.git();
    String integration = Workspaces.integrationBranch(runId);
    String base = workspaces.base(runId).orElse(null);
    StringBuilder out = new StringBuilder("\n## Branches\n\n");
    if (base == null || git.branchCommit(integration).isEmpty()) {
      out.append("The run's branches are gone (cleaned).\n");
      return out.toString();
    }
    out.append("- `")
        .append(integration)
        .append("`: the merged work (worktree `")
        .append(workspaces.workdir().relativize(workspaces.integrationWorktree()))
        .append("`), from commit ")
        .append(base, 0, 7)
        .append('\n');
    for (String b : git.branches("baton/")) {
      if (Workspaces.belongs(runId, b) && !b.equals(integration)) {
        out.append("- `")
            .append(b)
            .append("`")
            .append(b.matches(".*-T-\\d{3,}$") ? ": kept, not merged" : "")
            .append('\n');
      }
    }
    Map<String, List<Git.Commit>> byTask = new LinkedHashMap<>();
    List<Git.Commit> other = new ArrayList<>();
    for (Git.Commit c : git.log(base, "refs/heads/" + integration)) {
      Matcher m = TASK.matcher(c.subject());
      if (m.find()) {
        byTask.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(c);
      } else {
        other.add(c);
      }
    }
    out.append("\n### Commits per task\n\n");
    if (byTask.isEmpty() && other.isEmpty()) {
      out.append("No commits.\n");
    }
    byTask.forEach(
        (task, commits) ->
            out.append("- ")
                .append(task)
                .append(": ")
                .append(
                    String.join(
                        ", ",
                        commits.stream()
                            .map(c -> c.sha().substring(0, 7) + " (" + c.author() + ")")
                            .toList()))
                .append('\n'));
    other.forEach(
        c ->
            out.append("- ")
                .append(c.sha(), 0, 7)
                .append(" ")
                .append(c.subject())
                .append(" (")
                .append(c.author())
                .append(")\n"));
    out.append("\n### Merge conflicts\n\n");
    List<RunEvent> conflicts =
        events.stream()
            .filter(
                e ->
                    e.what() instanceof Happened.MergeConflict
                        || e.what() instanceof Happened.MergeGivenUp)
            .toList();
    if (conflicts.isEmpty()) {
      out.append("None.\n");
    }
    for (RunEvent e : conflicts) {
      boolean resolved =
          e.what() instanceof Happened.MergeConflict
              && events.stream()
                  .anyMatch(
                      later ->
                          later.what() instanceof Happened.Merged m
                              && m.taskId().equals(e.taskId())
                              && !later.at().isBefore(e.at()));
      out.append("- ")
          .append(e.taskId())
          .append(" (")
          .append(e.agent())
          .append("): ")
          .append(e.message())
          .append(resolved ? "; resolved by its author and merged" : "")
          .append('\n');
    }
    out.append("\nTo take the work into your branch: git merge ").append(integration).append('\n');
    return out.toString();
  }
}
