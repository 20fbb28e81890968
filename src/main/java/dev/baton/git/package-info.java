/**
 * The git client of worktree isolation: argument lists with timeouts, typed errors naming the
 * folder and the command, and the few operations a run needs (branches, worktrees, commits,
 * merges). No shell, no push.
 */
package dev.baton.git;
