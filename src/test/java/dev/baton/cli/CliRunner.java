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
