package dev.baton.demo;

import java.io.PrintStream;

/**
 * Prepares and tears down what {@code baton demo} needs. It must exist before the Spring context
 * (its settings go into the context), so the command finds it with {@link java.util.ServiceLoader}:
 * an implementation is listed in {@code META-INF/services/dev.baton.demo.DemoEnvironment}.
 */
public interface DemoEnvironment extends AutoCloseable {
  /** Creates the workdir, board and tmux agents; says what it does on {@code out}. */
  DemoSetup prepare(PrintStream out);

  /**
   * Kills the demo's tmux server; the workdir is kept so the board and report can be read
   * afterwards.
   */
  @Override
  void close();
}
