package dev.baton.tmux;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to run in a new window. The command is an argument list: tmux executes a multi-argument
 * command directly, without a shell, so nothing in it is ever re-parsed.
 *
 * @param name window name (checked by {@link TmuxNames#requireName})
 * @param directory start directory, or null for the server's default
 * @param command program and arguments; empty means the user's default shell
 * @param environment extra environment variables for the window's program
 */
public record WindowSpec(
    String name, Path directory, List<String> command, Map<String, String> environment) {

  public WindowSpec {
    TmuxNames.requireName("window name", name);
    command = List.copyOf(Objects.requireNonNull(command, "command"));
    environment = Map.copyOf(environment == null ? Map.of() : environment);
    environment.keySet().forEach(k -> TmuxNames.requireName("environment variable", k));
  }

  public static WindowSpec of(String name, List<String> command) {
    return new WindowSpec(name, null, command, Map.of());
  }

  public WindowSpec in(Path dir) {
    return new WindowSpec(name, dir, command, environment);
  }
}
