package dev.baton.isolation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of worktree isolation.
 *
 * @param isolation {@code shared} (default: every agent in the workdir) or {@code worktree} (a git
 *     worktree and branch per agent, merged into the run's integration branch by the model's "Merge
 *     the task's work")
 * @param allowDirty start a worktree run even when the workdir has uncommitted changes (they are
 *     not in the worktrees, which start from the last commit)
 * @param gitTimeout limit for one git call
 */
@ConfigurationProperties("baton")
public record IsolationProperties(
    @DefaultValue("shared") Isolation isolation,
    @DefaultValue("false") boolean allowDirty,
    @DefaultValue("60s") Duration gitTimeout) {

  public IsolationProperties {
    if (gitTimeout.isZero() || gitTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "baton.git-timeout must be a positive duration, got " + gitTimeout);
    }
  }
}
