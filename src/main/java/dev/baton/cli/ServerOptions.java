package dev.baton.cli;

import picocli.CommandLine.Option;

/** Where a running {@code baton serve} is, for the commands that talk to it. */
public class ServerOptions {
  @Option(
      names = "--url",
      paramLabel = "URL",
      defaultValue = "${env:BATON_URL:-http://127.0.0.1:8765}",
      description = "Base URL of 'baton serve' (env BATON_URL). Default: ${DEFAULT-VALUE}.")
  String url;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      defaultValue = "${env:BATON_API_TOKEN}",
      description = "API token when the server requires one (env BATON_API_TOKEN).")
  String token;

  @Override
  public String toString() {
    return "ServerOptions[url=" + url + ", token=" + (token == null ? "(none)" : "(set)") + "]";
  }
}
