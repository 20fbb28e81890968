package dev.baton.sim;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the command that starts {@link SimulatedAgent} with the Java of the running JVM, for a
 * tmux window to run directly (no shell). The simulator needs only its own classes, so the class
 * path is where those live (a classes folder or a plain jar), not the whole application class path:
 * tmux refuses commands longer than about 16 KB, which a Maven test class path exceeds. From Spring
 * Boot's executable jar, Boot's {@code PropertiesLauncher} starts the simulator class. JVM flags
 * favour start-up time and a small footprint since a demo runs several simulators.
 *
 * @param java path of the java launcher
 * @param classPath class path holding {@code dev.baton.sim}, or the executable jar
 * @param bootJar whether {@code classPath} is a Spring Boot executable jar
 */
public record SimLauncher(String java, String classPath, boolean bootJar) {

  private static final List<String> JVM_FLAGS =
      List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx64m", "-Xss512k");
  private static final String BOOT_LAUNCHER =
      "org.springframework.boot.loader.launch.PropertiesLauncher";

  /** The launcher of the current JVM and the location of the simulator's classes. */
  public static SimLauncher fromCurrentJvm() {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    CodeSource source = SimulatedAgent.class.getProtectionDomain().getCodeSource();
    return fromLocation(
        java, source == null ? null : source.getLocation(), System.getProperty("java.class.path"));
  }

  /**
   * @param location where the simulator's classes were loaded from (a folder, a jar, or Boot's
   *     {@code jar:nested:/path/app.jar/!BOOT-INF/classes/!/}), or null
   * @param fallbackClassPath used when the location says nothing usable
   */
  static SimLauncher fromLocation(String java, URL location, String fallbackClassPath) {
    if (location != null) {
      String s = location.toString();
      int nested = s.indexOf("nested:");
      int boot = s.indexOf("/!BOOT-INF");
      if (nested >= 0 && boot > nested) {
        return new SimLauncher(java, s.substring(nested + "nested:".length(), boot), true);
      }
      if ("file".equals(location.getProtocol())) {
        try {
          return new SimLauncher(java, Path.of(location.toURI()).toString(), false);
        } catch (URISyntaxException | IllegalArgumentException e) {
          // fall back to the JVM's class path
        }
      }
    }
    return new SimLauncher(java, fallbackClassPath, false);
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
    if (bootJar) {
      cmd.add("-Dloader.main=" + SimulatedAgent.class.getName());
      cmd.add(BOOT_LAUNCHER);
    } else {
      cmd.add(SimulatedAgent.class.getName());
    }
    cmd.addAll(List.of("--name", name, "--board", board.toAbsolutePath().toString()));
    cmd.addAll(options);
    return List.copyOf(cmd);
  }
}
