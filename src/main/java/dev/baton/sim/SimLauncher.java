package dev.baton.sim;

import java.io.File;
import java.io.IOException;
import java.util.jar.JarFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the command that starts {@link SimulatedAgent} with the same Java and class path as the
 * running JVM, for a tmux window to run directly (no shell). JVM flags favour start-up time and a
 * small footprint since a demo runs several simulators.
 *
 * @param java path of the java launcher
 * @param classPath class path that contains {@code dev.baton.sim}
 */
public record SimLauncher(String java, String classPath) {

  private static final List<String> JVM_FLAGS =
      List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx64m", "-Xss512k");

  /** The launcher of the current JVM and its class path. */
  public static SimLauncher fromCurrentJvm() {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return new SimLauncher(java, System.getProperty("java.class.path"));
  }

  private static boolean isBootJar(String classPath) {
    if (classPath == null || !classPath.endsWith(".jar") || classPath.contains(File.pathSeparator)) {
      return false;
    }
    try (var jar = new JarFile(classPath)) {
      return jar.getEntry("BOOT-INF/classes/") != null;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * @param name agent name (as in the board's "Assigned To" cells)
   * @param board the CLAUDE.md to update
   * @param options further simulator options, e.g. {@code --work 800ms --swallow-first-enter}
   */
  public List<String> command(String name, Path board, List<String> options) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(JVM_FLAGS);
    cmd.add("-cp");
    cmd.add(classPath);
    if (isBootJar(classPath)) {
      // Baton runs from its executable jar: its classes sit under BOOT-INF/, reached through Boot's launcher.
      cmd.add(cmd.size() - 2, "-Dloader.main=" + SimulatedAgent.class.getName());
      cmd.add("org.springframework.boot.loader.launch.PropertiesLauncher");
    } else {
      cmd.add(SimulatedAgent.class.getName());
    }
    cmd.addAll(List.of("--name", name, "--board", board.toAbsolutePath().toString()));
    cmd.addAll(options);
    return List.copyOf(cmd);
  }
}
