package dev.baton.agents;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/**
 * Where on a captured screen a line sits. The CLI's input area and footer are at the bottom, its
 * status line (spinner, retry notice, error) just above, the transcript above that. Only the bottom
 * regions may decide a state: the transcript holds echoed prompts, quoted dialog text and old
 * output that say nothing about now.
 */
public enum Region {
  /** The input line or box, the footer under it, or a dialog drawn in its place. */
  INPUT,
  /** The few non-blank lines just above the input area. */
  STATUS,
  /** Everything above the status lines. */
  TRANSCRIPT,
  /**
   * The last block of output above the input, however many blank rows lie between: what the CLI
   * printed last (Codex prints a usage limit there and returns to its input). Only a rule that
   * names it reads it; the blocks above it, older output, never count.
   */
  LAST_OUTPUT;

  /** Lower-case name used in the pattern file and in explanations. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  @JsonCreator
  public static Region fromId(String id) {
    try {
      return valueOf(id.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown screen region '" + id + "': expected input, status, transcript or last-output");
    }
  }
}
