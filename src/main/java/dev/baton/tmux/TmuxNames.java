package dev.baton.tmux;

import java.util.regex.Pattern;

/**
 * Checks for values that end up as tmux arguments. tmux parses targets itself ({@code :} and {@code
 * .} are separators) and reads a leading {@code -} as a flag, so names coming from configuration
 * are held to a plain alphabet before they reach a command line.
 */
public final class TmuxNames {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+@-]{0,63}");
  private static final Pattern SESSION = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_+@-]{0,63}");
  private static final Pattern TARGET =
      Pattern.compile(
          "(%\\d+)|([A-Za-z0-9_][A-Za-z0-9_+@-]{0,63})(:([A-Za-z0-9_][A-Za-z0-9_+@-]{0,63}|\\d+)(\\.\\d+)?)?");

  private TmuxNames() {}

  /** Session names: no {@code :} or {@code .} (tmux would rewrite them), no leading dash. */
  public static String requireSession(String what, String value) {
    return require(SESSION, what, value, "letters, digits, '_', '+', '@', '-' (not first)");
  }

  /** Window names, socket names and the like. */
  public static String requireName(String what, String value) {
    return require(NAME, what, value, "letters, digits, '_', '.', '+', '@', '-' (not first)");
  }

  /**
   * {@code session}, {@code session:window}, {@code session:window.pane} or a pane id {@code %N}.
   */
  public static String requireTarget(String what, String value) {
    return require(
        TARGET, what, value, "session[:window[.pane]] or %paneId, plain names, no leading '-'");
  }

  public static boolean isTarget(String value) {
    return value != null && TARGET.matcher(value).matches();
  }

  private static String require(Pattern p, String what, String value, String expected) {
    if (value == null || !p.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what + " '" + value + "' is not accepted: expected " + expected);
    }
    return value;
  }
}
