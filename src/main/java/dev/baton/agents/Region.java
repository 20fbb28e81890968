package dev.baton.agents;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/**
 * Where on a captured screen a line sits. The CLI's input area and footer are at the bottom, its
 * status line (spinner, retry notice, error) just above, the transcript above that. Only the
 * bottom regions may decide a state: the transcript holds echoed prompts, quoted dialog text and
 * old output that say nothing about now.
 */
public enum Region {
  /** The input line or box, the footer under it, or a dialog drawn in its place. */
  INPUT,
  /** The few non-blank lines just above the input area. */
  STATUS,
  /** Everything above the status lines. */
  TRANSCRIPT;

  /** Lower-case name used in the pattern file and in explanations. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Region fromId(String id) {
    try {
      return valueOf(id.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown screen region '" + id + "': expected input, status or transcript");
    }
  }
}
