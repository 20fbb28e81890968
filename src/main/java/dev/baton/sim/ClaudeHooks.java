package dev.baton.sim;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Claude Code's {@code Stop} hooks as the simulator runs them: the commands listed under {@code
 * hooks.Stop} in {@code .claude/settings.local.json}, each through a shell in the project folder
 * with the hook's JSON input on stdin ({@code hook_event_name}, {@code stop_hook_active}, {@code
 * cwd}). JDK only, so the settings are read with a small scan rather than a JSON library: the
 * simulator must start in well under a second.
 */
final class ClaudeHooks {

  /** What one hook command did. */
  record Outcome(int exit, String stdout, String stderr) {}

  private static final Pattern COMMAND =
      Pattern.compile("\"command\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  private ClaudeHooks() {}

  /**
   * The Stop hook commands configured for this project folder, in order; none when there is no
   * settings file.
   */
  static List<String> stopCommands(Path project) {
    Path settings = project.resolve(".claude/settings.local.json");
    String text;
    try {
      text = Files.readString(settings, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of();
    }
    int key = text.indexOf("\"Stop\"");
    int open = key < 0 ? -1 : text.indexOf('[', key);
    if (open < 0) {
      return List.of();
    }
    int end = closing(text, open);
    List<String> out = new ArrayList<>();
    Matcher m = COMMAND.matcher(text.substring(open, end));
    while (m.find()) {
      out.add(m.group(1).replace("\\\"", "\"").replace("\\/", "/").replace("\\\\", "\\"));
    }
    return out;
  }

  /** The index just past the bracket that closes the one at {@code open}, skipping strings. */
  private static int closing(String text, int open) {
    int depth = 0;
    boolean inString = false;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '[') {
        depth++;
      } else if (c == ']' && --depth == 0) {
        return i + 1;
      }
    }
    return text.length();
  }

  static Outcome run(String command, Path project, boolean stopHookActive) {
    String input =
        "{\"session_id\":\"sim\",\"hook_event_name\":\"Stop\",\"stop_hook_active\":"
            + stopHookActive
            + ",\"cwd\":\""
            + project.toString().replace("\\", "\\\\").replace("\"", "\\\"")
            + "\"}";
    try {
      File err = File.createTempFile("sim-hook", ".err");
      try {
        Process p =
            new ProcessBuilder("sh", "-c", command)
                .directory(project.toFile())
                .redirectError(err)
                .start();
        try (OutputStream in = p.getOutputStream()) {
          in.write(input.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
          // the hook did not read its input
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return new Outcome(124, out, "timed out");
        }
        return new Outcome(
            p.exitValue(), out, Files.readString(err.toPath(), StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(err.toPath());
      }
    } catch (IOException e) {
      return new Outcome(127, "", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(130, "", "interrupted");
    }
  }
}
