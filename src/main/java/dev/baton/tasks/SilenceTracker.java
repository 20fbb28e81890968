package dev.baton.tasks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Counts polls in a row that saw a task's row and log unchanged and its agent's screen not busy: the method's
 * "agent silent for 2 polls". The count itself travels in the model ({@code silentPolls}); this only remembers what
 * the last poll saw.
 */
@Component
public class SilenceTracker {
  private final Map<String, String> lastSeen = new ConcurrentHashMap<>();

  /** @return the new count: 0 when anything moved, else one more than before */
  public int observe(String taskId, String fingerprint, boolean busy, int before) {
    String previous = lastSeen.put(taskId, fingerprint);
    if (busy || previous == null || !previous.equals(fingerprint)) {
      return 0;
    }
    return before + 1;
  }

  /** A new prompt starts a new count. */
  public void reset(String taskId) {
    lastSeen.remove(taskId);
  }
}
