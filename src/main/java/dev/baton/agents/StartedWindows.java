package dev.baton.agents;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code agents up} created, kept in {@code <workdir>/.baton/agents-up.json}, so that {@code
 * agents down} removes those windows and nothing else: a window the user made, or another session
 * on the same server, is never touched. Windows are remembered by tmux's pane id, which stays with
 * the pane whatever the window is renamed to.
 *
 * @param socket the tmux socket name ({@code -L}), or null for the default server
 * @param session the session the windows were made in
 * @param windows one entry per window made
 */
public record StartedWindows(String socket, String session, List<Window> windows) {

  /**
   * @param agent the agent's name
   * @param cli the CLI kind, which tells how to ask it to exit
   * @param paneId tmux's pane id, e.g. {@code %4}
   */
  public record Window(String agent, CliKind cli, String paneId) {}

  public StartedWindows {
    windows = List.copyOf(windows == null ? List.of() : windows);
  }

  static Path file(Path workdir) {
    return workdir.resolve(".baton").resolve("agents-up.json");
  }

  /**
   * @return what an earlier {@code up} recorded in {@code workdir}, or nothing
   */
  public static java.util.Optional<StartedWindows> read(Path workdir, ObjectMapper json) {
    Path file = file(workdir);
    if (!Files.exists(file)) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(json.readValue(file.toFile(), StartedWindows.class));
    } catch (IOException e) {
      throw new UncheckedIOException(
          file
              + " cannot be read ("
              + e.getMessage()
              + "); remove it once the windows it"
              + " lists are closed",
          e);
    }
  }

  /**
   * Written to a temporary file and renamed over the old one, so a reader never sees half of it.
   */
  void write(Path workdir, ObjectMapper json) {
    Path file = file(workdir);
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), ".agents-up-", ".tmp");
      json.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  static void forget(Path workdir) {
    try {
      Files.deleteIfExists(file(workdir));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + file(workdir) + ": " + e.getMessage(), e);
    }
  }

  StartedWindows plus(List<Window> more) {
    List<Window> all = new ArrayList<>(windows);
    all.addAll(more);
    return new StartedWindows(socket, session, all);
  }
}
