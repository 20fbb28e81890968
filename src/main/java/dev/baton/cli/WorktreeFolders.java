package dev.baton.cli;

import dev.baton.agents.AgentProperties;
import dev.baton.isolation.Isolation;
import dev.baton.isolation.IsolationProperties;
import dev.baton.isolation.Workspaces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * {@code agents up} with {@code baton.isolation=worktree}: an agent without a {@code folder} of its
 * own starts in its worktree's folder, {@code .baton/worktrees/<agent>}, made empty now if the run
 * has not made the worktree yet (git adds a worktree into an empty folder), so its CLI already sits
 * where its prompts send it (a workdir below the repository's top folder is named in each prompt).
 */
final class WorktreeFolders {
  private WorktreeFolders() {}

  static List<AgentProperties> of(List<String> springArgs, Preflight.Setup setup) {
    Binder binder = Binder.get(Preflight.environment(springArgs));
    Isolation mode = binder.bind("baton.isolation", Isolation.class).orElse(Isolation.SHARED);
    List<AgentProperties> agents = setup.agents().agents();
    if (mode != Isolation.WORKTREE) {
      return agents;
    }
    Path workdir = setup.run().workdir();
    Workspaces ws =
        Workspaces.of(
            new IsolationProperties(Isolation.WORKTREE, false, Duration.ofSeconds(60)),
            workdir,
            setup.run().boardFile(),
            setup.roster());
    return agents.stream()
        .map(
            a -> {
              if (a.folder() != null || a.name() == null) {
                return a;
              }
              Path folder = ws.worktreeOf(a.name());
              try {
                Files.createDirectories(folder);
              } catch (IOException e) {
                throw new UncheckedIOException(
                    "cannot make the folder " + folder + " for " + a.name(), e);
              }
              return new AgentProperties(
                  a.name(),
                  a.window(),
                  a.pane(),
                  a.target(),
                  a.cli(),
                  a.lead(),
                  a.label(),
                  a.language(),
                  a.patterns(),
                  a.command(),
                  a.env(),
                  folder,
                  a.trustFolder());
            })
        .toList();
  }
}
