package dev.baton.isolation;

import dev.baton.agents.Agent;
import dev.baton.agents.PromptKind;
import dev.baton.agents.PromptTemplates;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What a prompt says about folders in worktree isolation: the board's absolute path (the board
 * stays in the main workdir while the agent works elsewhere) and the folder to work in, put first
 * in every prompt so that an agent whose pane was started in the workdir by hand works in the right
 * place. Feature, resolve and plan prompts name the agent's own worktree; test and fix prompts the
 * integration worktree, where the merged work is tested. Nothing changes in shared mode.
 */
@Component
public class PromptFolders {
  private final Workspaces workspaces;

  public PromptFolders(Workspaces workspaces) {
    this.workspaces = workspaces;
  }

  /**
   * Template values to add (they replace {@code board} by its absolute path); none in shared mode.
   */
  public Map<String, String> values(String runId, String agent, PromptKind kind) {
    if (!workspaces.isolated()) {
      return Map.of();
    }
    boolean merged = kind == PromptKind.TEST || kind == PromptKind.FIX;
    return Map.of(
        "board", workspaces.board().toString(),
        "folder", (merged ? workspaces.integrationFolder() : workspaces.folderOf(agent)).toString(),
        "branch", merged ? Workspaces.integrationBranch(runId) : Workspaces.branchOf(runId, agent),
        "integration", Workspaces.integrationBranch(runId));
  }

  /** The prompt with the folder line before it; the prompt itself in shared mode. */
  public String withFolder(
      PromptTemplates templates, Agent agent, Map<String, String> values, String prompt) {
    if (!workspaces.isolated()) {
      return prompt;
    }
    return templates.render(PromptKind.WORKTREE, agent, values) + " " + prompt;
  }
}
