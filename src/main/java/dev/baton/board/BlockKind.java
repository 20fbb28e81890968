package dev.baton.board;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Why a task is BLOCKED, read from the note an agent wrote (the method's three cases), plus the one
 * Baton adds: the agent is gone. The words are the model's {@code blockKind} values.
 */
public enum BlockKind {
  CREDITS("credits"),
  TECHNICAL("technical"),
  DEPENDENCY("dependency"),
  AGENT_GONE("agent-gone");

  private static final Pattern CREDITS_WORDS =
      Pattern.compile(
          "cr[ée]dit|usage limit|rate.?limit|quota|limite d'utilisation|out of (credits|tokens)|épuis|exhausted|billing",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern DEPENDENCY_WORDS =
      Pattern.compile(
          "d[ée]pend|waiting (for|on)|attend|blocked by|bloqu[ée]e? par|needs T-\\d{3,}|after T-\\d{3,}",
          Pattern.CASE_INSENSITIVE);

  private final String word;

  BlockKind(String word) {
    this.word = word;
  }

  /** The value the model's gateways compare with. */
  public String word() {
    return word;
  }

  /**
   * Classifies an agent's note; anything not about credits or a dependency is a technical error.
   */
  public static BlockKind ofNote(String note) {
    String text = note == null ? "" : note.toLowerCase(Locale.ROOT);
    if (CREDITS_WORDS.matcher(text).find()) {
      return CREDITS;
    }
    if (DEPENDENCY_WORDS.matcher(text).find()) {
      return DEPENDENCY;
    }
    return TECHNICAL;
  }
}
