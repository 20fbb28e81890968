package dev.baton.cli;

/** The exit codes of every {@code baton} command, as the README documents them. */
public final class ExitCodes {
  /** The command did what was asked; for run/demo/watch: the run ended DONE. */
  public static final int OK = 0;

  /** The run failed, was cancelled or did not end in time. */
  public static final int RUN_FAILED = 1;

  /** Wrong usage, bad configuration, or something Baton needs is missing. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
