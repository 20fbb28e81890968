package dev.baton.board;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The four states of the seed's queue. Agents spell them many ways; {@link #parse} folds them. */
public enum TaskStatus {
  PENDING,
  IN_PROGRESS,
  COMPLETED,
  BLOCKED;

  private static final TaskStatus[] VALUES = values();

  /** Longest spellings first, so that "IN_PROGRESS" is not read as something shorter. */
  private static final List<Map.Entry<String, TaskStatus>> WORDS =
      List.of(
          Map.entry("IN_PROGRESS", IN_PROGRESS),
          Map.entry("INPROGRESS", IN_PROGRESS),
          Map.entry("IN_PROGRES", IN_PROGRESS),
          Map.entry("EN_COURS", IN_PROGRESS),
          Map.entry("ONGOING", IN_PROGRESS),
          Map.entry("WORKING", IN_PROGRESS),
          Map.entry("STARTED", IN_PROGRESS),
          Map.entry("RUNNING", IN_PROGRESS),
          Map.entry("DOING", IN_PROGRESS),
          Map.entry("ACTIVE", IN_PROGRESS),
          Map.entry("WIP", IN_PROGRESS),
          Map.entry("COMPLETED", COMPLETED),
          Map.entry("COMPLETE", COMPLETED),
          Map.entry("FINISHED", COMPLETED),
          Map.entry("TERMINEE", COMPLETED),
          Map.entry("TERMINE", COMPLETED),
          Map.entry("SUCCESS", COMPLETED),
          Map.entry("FAIT", COMPLETED),
          Map.entry("DONE", COMPLETED),
          Map.entry("OK", COMPLETED),
          Map.entry("NOT_STARTED", PENDING),
          Map.entry("PENDING", PENDING),
          Map.entry("A_FAIRE", PENDING),
          Map.entry("WAITING", PENDING),
          Map.entry("QUEUED", PENDING),
          Map.entry("TO_DO", PENDING),
          Map.entry("TODO", PENDING),
          Map.entry("OPEN", PENDING),
          Map.entry("NEW", PENDING),
          Map.entry("BLOCKED", BLOCKED),
          Map.entry("BLOQUEE", BLOCKED),
          Map.entry("BLOQUE", BLOCKED),
          Map.entry("BLOCKING", BLOCKED),
          Map.entry("FAILED", BLOCKED),
          Map.entry("ERROR", BLOCKED),
          Map.entry("STUCK", BLOCKED));

  /**
   * Reads what an agent wrote in a status cell: {@code completed}, {@code ✅ COMPLETED}, {@code
   * Done}, {@code in progress}, {@code BLOCKED: no credits}... A recognised word at the start wins;
   * a lone emoji is used only when there is no word.
   */
  public static Optional<TaskStatus> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    for (TaskStatus s : VALUES) {
      if (s.name().equals(text)) {
        return Optional.of(s);
      }
    }
    String folded =
        Normalizer.normalize(text, Normalizer.Form.NFD)
            .replaceAll("\\p{M}+", "")
            .toUpperCase(Locale.ROOT)
            .replaceAll("[^A-Z0-9]+", "_")
            .replaceAll("^_+|_+$", "");
    for (Map.Entry<String, TaskStatus> e : WORDS) {
      String w = e.getKey();
      if (folded.equals(w) || folded.startsWith(w + "_")) {
        return Optional.of(e.getValue());
      }
    }
    if (!folded.isEmpty()) {
      return Optional.empty();
    }
    if (text.contains("✅") || text.contains("✔")) {
      return Optional.of(COMPLETED);
    }
    if (text.contains("❌") || text.contains("⛔") || text.contains("🚫")) {
      return Optional.of(BLOCKED);
    }
    if (text.contains("🚧") || text.contains("⏳") || text.contains("🔄")) {
      return Optional.of(IN_PROGRESS);
    }
    return Optional.empty();
  }

  /** COMPLETED and BLOCKED end an agent's turn on a task. */
  public boolean isFinal() {
    return this == COMPLETED || this == BLOCKED;
  }
}
