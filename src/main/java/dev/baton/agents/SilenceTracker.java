package dev.baton.agents;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Counts polls in a row that saw nothing move for a task: the method's "agent silent for 2 polls"
 * (its row and log unchanged, its screen not busy), and the stuck agent (busy, but neither its row
 * and log nor its screen changed). A spinner and a running clock are not progress: the screen is
 * compared with digits and spinner glyphs masked. The counts themselves travel in the model ({@code
 * silentPolls}, {@code stuckPolls}); this only remembers what the last poll saw.
 */
@Component
public class SilenceTracker {
  /**
   * Spinner frames of the CLIs (Claude Code's stars, braille dots, bullets, ASCII bars) and the
   * digits of clocks.
   */
  private static final Pattern MOVING =
      Pattern.compile("\\p{Nd}+|[\\u2800-\\u28FF✶✢✽✻✳✺✹✸✷✦✧·•●○◐◓◑◒◴◷◶◵◜◝◞◟|/\\\\-]");

  private final Map<String, String> lastSeen = new ConcurrentHashMap<>();
  private final Map<String, String> lastScreen = new ConcurrentHashMap<>();

  /** The two counts after one poll. */
  public record Counts(int silent, int stuck) {}

  /**
   * One poll of a task held by an agent.
   *
   * @param fingerprint the task's row and log lines as read now
   * @param busy whether the agent's screen says it is working
   * @param screen the agent's screen as captured now
   */
  public Counts observe(
      String taskId,
      String fingerprint,
      boolean busy,
      String screen,
      int silentBefore,
      int stuckBefore) {
    String previous = lastSeen.put(taskId, fingerprint);
    String masked = mask(screen);
    String previousScreen = lastScreen.put(taskId, masked);
    if (previous == null || !previous.equals(fingerprint)) {
      return new Counts(0, 0);
    }
    if (!busy) {
      return new Counts(silentBefore + 1, 0);
    }
    return new Counts(0, masked.equals(previousScreen) ? stuckBefore + 1 : 0);
  }

  /** A new prompt starts a new count. */
  public void reset(String taskId) {
    lastSeen.remove(taskId);
    lastScreen.remove(taskId);
  }

  /**
   * The screen as compared between polls: digits and spinner glyphs masked, trailing blanks
   * dropped.
   */
  public static String mask(String screen) {
    if (screen == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    screen
        .lines()
        .forEach(
            line -> out.append(MOVING.matcher(line).replaceAll("#").stripTrailing()).append('\n'));
    return out.toString().stripTrailing();
  }
}
