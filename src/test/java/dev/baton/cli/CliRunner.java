package dev.baton.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the real command line in-process and keeps what it printed. */
final class CliRunner {
  record Result(int exitCode, String out, String err) {}

  private CliRunner() {}

  static Result run(Cli.Environment env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.execute(args, new PrintWriter(out), new PrintWriter(err), env);
    return new Result(code, out.toString(), err.toString());
  }

  /**
   * Settings that pass the checks every starting command makes: a workdir that exists, one agent,
   * no tmux check, and a tmux socket no server listens on, so that nothing reaches the person's own
   * tmux.
   */
  static java.util.List<String> validSetup(java.nio.file.Path workdir) {
    return java.util.List.of(
        "--baton.workdir=" + workdir,
        "--baton.tmux.verify-on-start=false",
        "--baton.tmux.socket=baton-test-absent-" + ProcessHandle.current().pid(),
        "--baton.agents[0].name=A",
        "--baton.agents[0].window=1",
        "--baton.agents[0].cli=simulated");
  }

  /** {@code first}, then {@code rest}, as one argument array. */
  static String[] args(java.util.List<String> first, String... rest) {
    java.util.List<String> all = new java.util.ArrayList<>(first);
    all.addAll(java.util.List.of(rest));
    return all.toArray(String[]::new);
  }

  /** No Spring, no demo, not a terminal: a command that tries to start a context fails the test. */
  static Cli.Environment offline() {
    return Cli.Environment.system()
        .withTerminal(false)
        .withDemos(java.util.Optional::empty)
        .withContexts(
            (web, args) -> {
              throw new AssertionError("this command must not start Baton's context");
            });
  }
}
