package dev.baton.board;

import java.nio.file.Path;

/**
 * Something in the board a person should fix. Parsing never stops at a problem: the rows that could
 * be read are still returned, and each row that could not is named here.
 *
 * @param file the board file (may be null for text parsed without a file)
 * @param line 1-based line, or 0 when the problem concerns the whole file
 * @param kind what went wrong
 * @param message what was found
 * @param expected what the board should contain instead
 */
public record Problem(Path file, int line, Kind kind, String message, String expected) {

  public enum Kind {
    MISSING_SECTION,
    MISSING_TABLE,
    MISSING_COLUMN,
    DUPLICATE_SECTION,
    DUPLICATE_ID,
    BAD_ID,
    UNKNOWN_STATUS,
    UNKNOWN_PRIORITY,
    WRONG_CELL_COUNT,
    INVALID_ENCODING,
    /** A non-blank line inside a table that is not a row. */
    NOT_A_ROW,
    /**
     * The file looks cut short: an agent's write read halfway (ends mid-row, sections or rows
     * gone).
     */
    TRUNCATED
  }

  /** {@code CLAUDE.md:14: task T-003 appears twice (first at line 9); expected: ...}. */
  @Override
  public String toString() {
    String where = (file == null ? "<board>" : file.toString()) + (line > 0 ? ":" + line : "");
    return where + ": " + message + "; expected: " + expected;
  }
}
