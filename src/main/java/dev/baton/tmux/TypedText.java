package dev.baton.tmux;

/**
 * Makes text safe to type into an agent's pane. A control character reaches the program as a key:
 * ESC interrupts Claude Code and Gemini, an escape sequence can drive a TUI or end a bracketed
 * paste early, CR submits, NUL and BEL are noise. Each such character is shown instead of sent, as
 * its Unicode control picture ({@code ␛} for ESC, {@code ␀} for NUL) or, for the C1 controls, line
 * and paragraph separators and bidirectional overrides (which can make a prompt read differently
 * from what it says), as {@code [U+202E]}. Line feeds stay (a multi-line prompt is pasted), CR LF
 * and lone CR become line feeds, a tab becomes four spaces (Tab completes or toggles modes in the
 * CLIs). The board keeps the text as the user wrote it; only what is typed is changed.
 */
public final class TypedText {
  private static final String TAB = "    ";

  private TypedText() {}

  /** The text as Baton types it; the same text when it holds nothing to change. Idempotent. */
  public static String safe(String text) {
    if (text == null || text.codePoints().noneMatch(TypedText::special)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (c == '\r') {
        out.append('\n');
        if (i < text.length() && text.charAt(i) == '\n') {
          i++;
        }
      } else if (c == '\t') {
        out.append(TAB);
      } else if (c == '\n' || !special(c)) {
        out.appendCodePoint(c);
      } else if (c < 0x20) {
        out.append((char) (0x2400 + c));
      } else if (c == 0x7f) {
        out.append('\u2421');
      } else {
        out.append(String.format("[U+%04X]", c));
      }
    }
    return out.toString();
  }

  /** Whether a code point must not reach the pane as it is. */
  static boolean special(int c) {
    if (c == '\n') {
      return false;
    }
    if (Character.getType(c) == Character.CONTROL) { // C0, DEL, C1
      return true;
    }
    return c == 0x2028 // line separator
        || c == 0x2029 // paragraph separator
        || c == 0x061c // Arabic letter mark
        || c == 0x200e
        || c == 0x200f // left-to-right and right-to-left marks
        || (c >= 0x202a && c <= 0x202e) // embeddings and overrides
        || (c >= 0x2066 && c <= 0x2069); // isolates
  }
}
