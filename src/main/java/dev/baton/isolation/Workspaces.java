package dev.baton.isolation;

import dev.baton.agents.Agent;
import dev.baton.agents.AgentRoster;
import dev.baton.git.Git;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where each agent works. In {@code shared} mode that is the workdir for everyone and nothing here
 * touches git. In {@code worktree} mode a run gets the integration branch {@code baton/<run>}
 * checked out in {@code .baton/worktrees/_integration}, and each agent a branch {@code
 * baton/<run>-<agent>} checked out in {@code .baton/worktrees/<agent>}, all from the workdir's
 * commit when the run started (kept as the ref {@code refs/baton-base/<run>}). The agent branches
 * sit beside the integration branch, not under it: git cannot hold both {@code baton/<run>} and
 * {@code baton/<run>/<agent>}.
 *
 * <p>Baton never checks out, resets or writes the user's own branch or working tree (the board and
 * REPORT.md aside), and never pushes. Preparing is idempotent, so a resumed run finds its worktrees
 * again.
 */
public class Workspaces {
  static final String INTEGRATION_FOLDER = "_integration";

  private final IsolationProperties settings;
  private final Path workdir;
  private final Path board;
  private final AgentRoster roster;
  private volatile Path inRepository;

  Workspaces(IsolationProperties settings, Path workdir, Path board, AgentRoster roster) {
    this.settings = settings;
    this.workdir = workdir.toAbsolutePath().normalize();
    this.board = board.toAbsolutePath().normalize();
    this.roster = roster;
  }

  /** Workspaces of a workdir without Spring (the CLI, tests). */
  public static Workspaces of(
      IsolationProperties settings, Path workdir, Path board, AgentRoster roster) {
    return new Workspaces(settings, workdir, board, roster);
  }

  /**
   * For {@code baton clean}: the workdir's worktrees, whatever the configured mode, no roster
   * needed.
   */
  public static Workspaces forCleaning(Path workdir, Path board, java.time.Duration gitTimeout) {
    return new Workspaces(
        new IsolationProperties(Isolation.WORKTREE, false, gitTimeout),
        workdir,
        board,
        new AgentRoster(List.of()));
  }

  public boolean isolated() {
    return settings.isolation() == Isolation.WORKTREE;
  }

  public Isolation mode() {
    return settings.isolation();
  }

  /** The git client of the workdir's repository. */
  public Git git() {
    return new Git(workdir, settings.gitTimeout());
  }

  public Path workdir() {
    return workdir;
  }

  public Path board() {
    return board;
  }

  public Path worktreesDir() {
    return workdir.resolve(".baton").resolve("worktrees");
  }

  /** The roster's agents, each of which has a worktree in a worktree run. */
  public List<String> agentNames() {
    return roster.all().stream().map(Agent::name).toList();
  }

  /**
   * The folder an agent works in: in its worktree, the workdir's place in the repository (the
   * worktree itself when the workdir is the repository's top folder); the workdir when not
   * isolated.
   */
  public Path folderOf(String agent) {
    return isolated() ? worktreeOf(agent).resolve(inRepository()) : workdir;
  }

  /**
   * Where the merged work is tested: the integration worktree's copy of the workdir, or the
   * workdir.
   */
  public Path integrationFolder() {
    return isolated() ? integrationWorktree().resolve(inRepository()) : workdir;
  }

  /** The top folder of an agent's worktree. */
  public Path worktreeOf(String agent) {
    return worktreesDir().resolve(slug(agent));
  }

  /** The top folder of the integration worktree. */
  public Path integrationWorktree() {
    return worktreesDir().resolve(INTEGRATION_FOLDER);
  }

  /**
   * The workdir relative to its repository's top folder (empty when it is the top, or not in a
   * repository).
   */
  private Path inRepository() {
    Path sub = inRepository;
    if (sub == null) {
      try {
        Path top = git().topLevel().toRealPath();
        sub = top.relativize(workdir.toRealPath());
      } catch (java.io.IOException | RuntimeException e) {
        sub = Path.of("");
      }
      inRepository = sub;
    }
    return sub;
  }

  public static String integrationBranch(String runId) {
    return "baton/" + runId;
  }

  public static String branchOf(String runId, String agent) {
    return integrationBranch(runId) + "-" + slug(agent);
  }

  static String baseRef(String runId) {
    return "refs/baton-base/" + runId;
  }

  /** The commit the run started from, once {@link #prepare} ran. */
  public Optional<String> base(String runId) {
    Git.Result r =
        git().run(List.of("rev-parse", "--verify", "--quiet", baseRef(runId) + "^{commit}"));
    return r.exitCode() == 0 ? Optional.of(r.stdout().strip()) : Optional.empty();
  }

  /** A name safe as a folder and inside a branch name. */
  static String slug(String agent) {
    String s = agent.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("\\.{2,}", ".");
    return s.startsWith("-") || s.startsWith(".") ? "a" + s : s;
  }

  /**
   * Makes (or finds again) the run's branches and worktrees; nothing in shared mode.
   *
   * @param newRun a run about to start: refuse a workdir with uncommitted changes (unless {@code
   *     baton.allow-dirty}), and the worktrees of another run still in place. A resumed run passes
   *     false.
   * @throws DirtyTreeException, IllegalArgumentException with one sentence saying what to do
   */
  public void prepare(String runId, boolean newRun) {
    if (!isolated()) {
      return;
    }
    Git git = git();
    if (!git.isWorkTree()) {
      throw new IllegalArgumentException(
          "baton.isolation=worktree needs a git repository, and "
              + workdir
              + " is not in one: run git init and"
              + " commit the project first, or use baton.isolation=shared");
    }
    if (git.run(List.of("rev-parse", "--verify", "--quiet", "HEAD")).exitCode() != 0) {
      throw new IllegalArgumentException(
          "the repository of "
              + workdir
              + " has no commit yet, and worktrees start from one: commit the project first");
    }
    if (newRun) {
      List<String> dirt = dirt();
      if (!dirt.isEmpty() && !settings.allowDirty()) {
        throw new DirtyTreeException(
            "the workdir "
                + workdir
                + " has uncommitted changes ("
                + String.join(", ", dirt.subList(0, Math.min(3, dirt.size())))
                + (dirt.size() > 3 ? ", and " + (dirt.size() - 3) + " more" : "")
                + ") that the agents' worktrees would not see: commit or stash them, or start with --allow-dirty"
                + " (baton.allow-dirty=true)");
      }
      for (Git.Worktree w : ours(git)) {
        if (w.branch() != null && !belongs(runId, w.branch())) {
          String other = runOf(w.branch());
          throw new IllegalArgumentException(
              "the worktrees of run "
                  + other
                  + " are still in "
                  + worktreesDir()
                  + ": remove them with ./baton clean "
                  + other
                  + " first");
        }
      }
    }
    git.pruneWorktrees();
    String base =
        base(runId)
            .orElseGet(
                () -> {
                  String head = git.head();
                  git.ok("update-ref", baseRef(runId), head);
                  return head;
                });
    ensure(git, integrationBranch(runId), integrationWorktree(), base);
    for (Agent agent : roster.all()) {
      ensure(git, branchOf(runId, agent.name()), worktreeOf(agent.name()), base);
    }
  }

  private void ensure(Git git, String branch, Path folder, String base) {
    Optional<Git.Worktree> there =
        git.worktrees().stream()
            .filter(w -> w.path().toAbsolutePath().normalize().equals(folder))
            .findFirst();
    if (there.isPresent()) {
      if (!branch.equals(there.get().branch())) {
        throw new IllegalArgumentException(
            "the folder "
                + folder
                + " holds a worktree of branch "
                + there.get().branch()
                + ", not "
                + branch
                + ": remove it with ./baton clean "
                + runOf(String.valueOf(there.get().branch())));
      }
      return;
    }
    if (git.branchCommit(branch).isEmpty()) {
      git.createBranch(branch, base);
    }
    git.addWorktree(folder, branch);
  }

  /**
   * Uncommitted paths of the workdir, the board, REPORT.md and Baton's own {@code .baton/} folder
   * aside.
   */
  public List<String> dirt() {
    Git git = git();
    Path top = git.topLevel().toAbsolutePath().normalize();
    Path own = workdir.resolve(".baton");
    Path report = workdir.resolve("REPORT.md");
    List<String> dirt = new ArrayList<>();
    for (String p : git.changedPaths()) {
      Path abs = top.resolve(p).toAbsolutePath().normalize();
      if (abs.equals(board) || abs.equals(report) || abs.startsWith(own)) {
        continue;
      }
      dirt.add(p);
    }
    return dirt;
  }

  /** Worktrees in {@code .baton/worktrees}. */
  List<Git.Worktree> ours(Git git) {
    Path dir = worktreesDir();
    return git.worktrees().stream()
        .filter(w -> w.path().toAbsolutePath().normalize().startsWith(dir))
        .toList();
  }

  public static boolean belongs(String runId, String branch) {
    String integration = integrationBranch(runId);
    return branch.equals(integration) || branch.startsWith(integration + "-");
  }

  /**
   * The run a Baton branch belongs to: run ids end in four hex digits, agent names follow after a
   * dash.
   */
  static String runOf(String branch) {
    var m =
        java.util.regex.Pattern.compile("^baton/(run-\\d{8}-\\d{6}-[0-9a-f]{4})").matcher(branch);
    return m.find() ? m.group(1) : branch.replaceFirst("^baton/", "");
  }

  /** What {@link #clean} removed. */
  public record Cleaned(List<Path> worktrees, List<String> branches) {}

  /**
   * Removes the run's worktrees and, with {@code branches}, its branches and base ref. Other runs'
   * worktrees and branches, and the user's, are left alone.
   *
   * @param force also remove worktrees holding uncommitted changes
   */
  public Cleaned clean(String runId, boolean branches, boolean force) {
    Git git = git();
    List<Path> removed = new ArrayList<>();
    for (Git.Worktree w : ours(git)) {
      if (w.branch() != null && belongs(runId, w.branch())) {
        git.removeWorktree(w.path(), force);
        removed.add(w.path());
      }
    }
    git.pruneWorktrees();
    List<String> deleted = new ArrayList<>();
    if (branches) {
      for (String b : git.branches("baton/")) {
        if (belongs(runId, b)) {
          git.deleteBranch(b);
          deleted.add(b);
        }
      }
      git.run(List.of("update-ref", "-d", baseRef(runId)));
    }
    return new Cleaned(removed, deleted);
  }
}
