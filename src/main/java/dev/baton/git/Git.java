package dev.baton.git;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs the {@code git} program in one folder, one process per call, always from an argument list
 * (never a shell string), with stdin closed and a time limit. Paths and branch names come after
 * {@code --} wherever git takes it, so a file named {@code -f} is never read as an option. Every
 * failure is a {@link GitException} naming the folder and the command.
 *
 * <p>Calls never ask questions ({@code GIT_TERMINAL_PROMPT=0}), never sign, and never run the
 * repository's commit hooks: Baton records what an agent left, it does not judge it. Git variables
 * of the calling environment ({@code GIT_DIR}, {@code GIT_WORK_TREE}, ...) are removed so the
 * folder alone says which repository is meant.
 *
 * @param dir the folder git runs in (a repository's working tree or one of its worktrees)
 * @param timeout limit for each call
 */
public record Git(Path dir, Duration timeout) {

  /**
   * What a branch name may look like here: git's own rules, narrowed to names that never look like
   * options.
   */
  private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._/-]*");

  public Git {
    Objects.requireNonNull(dir, "dir");
    if (timeout == null || timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("git call timeout must be positive, was " + timeout);
    }
    dir = dir.toAbsolutePath().normalize();
  }

  /** The same limits in another folder (a worktree of this repository). */
  public Git in(Path other) {
    return new Git(other, timeout);
  }

  /** A finished git call. */
  public record Result(int exitCode, String stdout, String stderr) {}

  /** Who a commit or merge is made as: author and committer alike. */
  public record Identity(String name, String email) {
    public Identity {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(email, "email");
    }
  }

  /**
   * Runs git with these arguments and returns whatever it answered, exit code included.
   *
   * @throws GitNotInstalledException when no git program starts
   * @throws GitTimeoutException when the call outlives {@link #timeout()} (the process is killed)
   */
  public Result run(List<String> args) {
    return run(args, null);
  }

  private Result run(List<String> args, Identity as) {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.addAll(
        List.of(
            "-c", "commit.gpgsign=false", "-c", "core.quotepath=false", "-c", "color.ui=false"));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("GIT_"));
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.put("LC_ALL", "C");
    if (as != null) {
      env.put("GIT_AUTHOR_NAME", as.name());
      env.put("GIT_AUTHOR_EMAIL", as.email());
      env.put("GIT_COMMITTER_NAME", as.name());
      env.put("GIT_COMMITTER_EMAIL", as.email());
    }
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new GitNotInstalledException(dir, args, e);
    }
    CompletableFuture<String> out = drain(process.getInputStream());
    CompletableFuture<String> err = drain(process.getErrorStream());
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new GitTimeoutException(dir, args, timeout);
      }
      return new Result(process.exitValue(), out.join(), err.join());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new GitTimeoutException(dir, args, timeout);
    }
  }

  /**
   * Reads a stream to its end on a virtual thread of its own, as {@code TmuxClient} does: a
   * blocking read must not hold a thread of the shared pool while git runs.
   */
  private static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "";
          }
        },
        Thread::startVirtualThread);
  }

  /** Runs git and returns its output; a non-zero exit is a {@link GitCommandException}. */
  public String ok(String... args) {
    return ok(List.of(args), null);
  }

  private String ok(List<String> args, Identity as) {
    Result r = run(args, as);
    if (r.exitCode() != 0) {
      throw new GitCommandException(
          dir, args, r.exitCode(), r.stderr().isBlank() ? r.stdout() : r.stderr());
    }
    return r.stdout();
  }

  // ---------------------------------------------------------------- reading

  /** Whether the folder is inside a git working tree. */
  public boolean isWorkTree() {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    Result r = run(List.of("rev-parse", "--is-inside-work-tree"));
    return r.exitCode() == 0 && r.stdout().strip().equals("true");
  }

  /** The top folder of the working tree this folder is in. */
  public Path topLevel() {
    return Path.of(ok("rev-parse", "--show-toplevel").strip());
  }

  /** The commit HEAD points at. */
  public String head() {
    return ok("rev-parse", "--verify", "HEAD^{commit}").strip();
  }

  /** The commit a branch points at, if the branch exists. */
  public Optional<String> branchCommit(String branch) {
    requireBranch(branch);
    Result r =
        run(List.of("rev-parse", "--verify", "--quiet", "refs/heads/" + branch + "^{commit}"));
    return r.exitCode() == 0 ? Optional.of(r.stdout().strip()) : Optional.empty();
  }

  /** The branch checked out here, or empty on a detached HEAD. */
  public Optional<String> currentBranch() {
    Result r = run(List.of("symbolic-ref", "--quiet", "--short", "HEAD"));
    return r.exitCode() == 0 ? Optional.of(r.stdout().strip()) : Optional.empty();
  }

  /** Local branches whose names start with this prefix. */
  public List<String> branches(String prefix) {
    String out = ok("for-each-ref", "--format=%(refname:short)", "refs/heads/" + prefix);
    return out.lines().filter(l -> !l.isBlank()).toList();
  }

  /**
   * Paths with changes not committed (staged, unstaged, untracked; ignored files excluded),
   * relative to the top.
   */
  public List<String> changedPaths() {
    String out = ok("status", "--porcelain=v1", "-z", "--untracked-files=all");
    List<String> paths = new ArrayList<>();
    String[] fields = out.split("\0");
    for (int i = 0; i < fields.length; i++) {
      String f = fields[i];
      if (f.length() < 4) {
        continue;
      }
      paths.add(f.substring(3));
      if (f.charAt(0) == 'R' || f.charAt(0) == 'C') {
        i++; // the rename's source follows as its own field
      }
    }
    return paths;
  }

  /** Paths left unmerged by a merge that stopped on conflicts. */
  public List<String> unmergedPaths() {
    String out = ok("diff", "--name-only", "--diff-filter=U", "-z");
    return List.of(out.split("\0")).stream().filter(s -> !s.isEmpty()).distinct().toList();
  }

  /** Whether a merge is under way here (stopped on conflicts, not yet committed). */
  public boolean mergeInProgress() {
    return run(List.of("rev-parse", "--quiet", "--verify", "MERGE_HEAD")).exitCode() == 0;
  }

  /** One commit as {@link #log} lists it. */
  public record Commit(String sha, String author, String subject) {}

  /** Commits reachable from {@code to} and not from {@code from}, oldest first, merges excluded. */
  public List<Commit> log(String from, String to) {
    String out =
        ok(
            "log",
            "--reverse",
            "--no-merges",
            "--format=%H%x1f%an%x1f%s%x1e",
            from + ".." + to,
            "--");
    List<Commit> commits = new ArrayList<>();
    for (String rec : out.split("\u001e")) {
      String[] f = rec.strip().split("\u001f", -1);
      if (f.length == 3) {
        commits.add(new Commit(f[0], f[1], f[2]));
      }
    }
    return commits;
  }

  /** One worktree of the repository, as {@code git worktree list} shows it. */
  public record Worktree(Path path, String head, String branch) {}

  /** Every worktree of this repository, the main one first. */
  public List<Worktree> worktrees() {
    String out = ok("worktree", "list", "--porcelain");
    List<Worktree> list = new ArrayList<>();
    Path path = null;
    String head = null;
    String branch = null;
    for (String line : (out + "\n").lines().toList()) {
      if (line.isEmpty()) {
        if (path != null) {
          list.add(new Worktree(path, head, branch));
        }
        path = null;
        head = null;
        branch = null;
      } else if (line.startsWith("worktree ")) {
        path = Path.of(line.substring(9));
      } else if (line.startsWith("HEAD ")) {
        head = line.substring(5);
      } else if (line.startsWith("branch refs/heads/")) {
        branch = line.substring(18);
      }
    }
    if (path != null) {
      list.add(new Worktree(path, head, branch));
    }
    return list;
  }

  // ---------------------------------------------------------------- writing

  /** Creates a branch at a commit; fails if it exists. */
  public void createBranch(String branch, String startCommit) {
    requireBranch(branch);
    ok("branch", "--no-track", "--", branch, startCommit);
  }

  /** Deletes a local branch, merged or not. */
  public void deleteBranch(String branch) {
    requireBranch(branch);
    ok("branch", "-D", "--", branch);
  }

  /** Adds a worktree at {@code path} with an existing branch checked out there. */
  public void addWorktree(Path path, String branch) {
    requireBranch(branch);
    ok("worktree", "add", "--quiet", "--", path.toAbsolutePath().toString(), branch);
  }

  /** Removes a worktree and its folder; {@code force} also drops changes left in it. */
  public void removeWorktree(Path path, boolean force) {
    List<String> args = new ArrayList<>(List.of("worktree", "remove"));
    if (force) {
      args.add("--force");
    }
    args.add("--");
    args.add(path.toAbsolutePath().toString());
    ok(args, null);
  }

  /** Forgets worktrees whose folders are gone. */
  public void pruneWorktrees() {
    ok("worktree", "prune");
  }

  /**
   * Commits everything left in this working tree (new, changed and deleted files), or concludes a
   * merge whose conflicts were resolved.
   *
   * @return the new commit, or empty when there was nothing to commit
   */
  public Optional<String> commitAll(String message, Identity as) {
    ok("add", "--all", "--", ".");
    boolean merging = mergeInProgress();
    if (!merging && run(List.of("diff", "--cached", "--quiet")).exitCode() == 0) {
      return Optional.empty();
    }
    ok(List.of("commit", "--no-verify", "--quiet", "-m", message), as);
    return Optional.of(head());
  }

  /**
   * Merges a branch into the one checked out here ({@code --no-edit}, no hooks). A fast-forward is
   * taken when possible.
   *
   * @throws MergeConflictException when the merge stops on conflicts; the tree is left mid-merge
   */
  public void merge(String branch, String message, Identity as) {
    requireBranch(branch);
    List<String> args =
        List.of("merge", "--no-edit", "--no-verify", "-m", message, "refs/heads/" + branch);
    Result r = run(args, as);
    if (r.exitCode() == 0) {
      return;
    }
    List<String> unmerged = unmergedPaths();
    if (!unmerged.isEmpty()) {
      throw new MergeConflictException(dir, args, unmerged);
    }
    throw new GitCommandException(
        dir, args, r.exitCode(), r.stderr().isBlank() ? r.stdout() : r.stderr());
  }

  /** Gives up a merge that stopped on conflicts, putting the tree back as it was. */
  public void abortMerge() {
    ok("merge", "--abort");
  }

  static String requireBranch(String branch) {
    if (branch == null
        || !BRANCH.matcher(branch).matches()
        || branch.contains("..")
        || branch.endsWith(".lock")
        || branch.endsWith("/")
        || branch.contains("//")) {
      throw new IllegalArgumentException("'" + branch + "' is not a branch name Baton uses");
    }
    return branch;
  }
}
