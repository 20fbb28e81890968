package dev.baton.agents;

import java.util.Locale;

/** The coding-agent CLIs Baton knows screen patterns for, plus {@code custom} for any other. */
public enum CliKind {
  CLAUDE,
  CODEX,
  AMP,
  GEMINI,
  ANTIGRAVITY,
  QWEN,
  OPENCODE,
  SIMULATED,
  CUSTOM;

  /** Lower-case name used in configuration and in the pattern file. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static CliKind fromId(String id) {
    try {
      return valueOf(id.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown CLI kind '"
              + id
              + "': expected one of claude, codex, amp, gemini, antigravity, qwen, opencode, simulated, custom");
    }
  }
}
