package dev.baton.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes, before or after its name. */
public class GlobalOptions {
  @Option(names = "--debug", description = "Show stack traces and Baton's log lines.")
  boolean debug;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "YAML or properties file with Baton settings (baton.*, server.*, camunda.*).")
  Path config;
}
