package dev.baton.agents;

import java.util.ArrayList;
import java.util.List;

/**
 * One capture of a pane, split into {@link Region}s. The split works from the bottom: the last
 * {@value #INPUT_LINES} lines of content are the input area, widened upwards to the top of a box
 * they sit in (a dialog drawn as a box) and to the cursor line when the cursor sits higher in an
 * input box; up to {@value #STATUS_LINES} non-blank lines close above are the status; the rest is
 * transcript.
 *
 * @param lines the captured lines, trailing blank lines removed
 * @param cursorY the cursor row ({@code #{cursor_y}}), or -1 when unknown
 * @param alternate whether the pane shows the alternate screen ({@code #{alternate_on}}): a
 *     full-screen program is running, so a shell prompt cannot be what is on screen
 */
public record Screen(List<String> lines, int cursorY, boolean alternate) {

  static final int INPUT_LINES = 6;
  static final int STATUS_LINES = 4;
  static final int STATUS_SPAN = 10;
  private static final int MAX_INPUT_LINES = 40;

  public Screen {
    List<String> copy = new ArrayList<>(lines);
    while (!copy.isEmpty() && copy.getLast().isBlank()) {
      copy.removeLast();
    }
    lines = List.copyOf(copy);
  }

  /** A screen captured without cursor information. */
  public static Screen of(String text) {
    return of(text, -1, false);
  }

  public static Screen of(String text, int cursorY, boolean alternate) {
    String t = text == null ? "" : text.replace("\r", "");
    return new Screen(t.isEmpty() ? List.of() : List.of(t.split("\n", -1)), cursorY, alternate);
  }

  public String text() {
    return String.join("\n", lines);
  }

  /** Index of the first line of the input region (equal to the line count when empty). */
  public int inputTop() {
    int n = lines.size();
    if (n == 0) {
      return 0;
    }
    int top = Math.max(0, n - INPUT_LINES);
    if (cursorY >= 0 && cursorY < top && n - cursorY <= MAX_INPUT_LINES) {
      top = cursorY;
    }
    return widenToBox(top);
  }

  /**
   * Index of the first line of the status region: up to {@value #STATUS_LINES} non-blank lines
   * within {@value #STATUS_SPAN} rows above the input (a status line sits close to the input).
   */
  public int statusTop() {
    int input = inputTop();
    int top = input;
    int seen = 0;
    while (top > 0 && seen < STATUS_LINES && input - top < STATUS_SPAN) {
      top--;
      if (!lines.get(top).isBlank()) {
        seen++;
      }
    }
    return top;
  }

  public Region regionOf(int line) {
    if (line >= inputTop()) {
      return Region.INPUT;
    }
    return line >= statusTop() ? Region.STATUS : Region.TRANSCRIPT;
  }

  /** First and last-plus-one line index of a region. */
  int[] bounds(Region region) {
    int input = inputTop();
    return switch (region) {
      case INPUT -> new int[] {input, lines.size()};
      case STATUS -> new int[] {statusTop(), input};
      case TRANSCRIPT -> new int[] {0, statusTop()};
    };
  }

  /** The last non-blank line, stripped; empty for an empty screen. */
  public String lastLine() {
    return lines.isEmpty() ? "" : lines.getLast().strip();
  }

  /**
   * Moves the top of the input region up to the top border of a box the region starts inside of:
   * a dialog box is one unit, and its title must not fall into the status region.
   */
  private int widenToBox(int top) {
    int open = 0;
    for (int i = lines.size() - 1; i >= top; i--) {
      Border b = border(lines.get(i));
      if (b == Border.BOTTOM) {
        open++;
      } else if (b == Border.TOP && open > 0) {
        open--;
      }
    }
    boolean inside = open > 0 || border(lines.get(top)) == Border.SIDE;
    if (!inside) {
      return top;
    }
    int limit = Math.max(0, lines.size() - MAX_INPUT_LINES);
    for (int i = top - 1; i >= limit; i--) {
      Border b = border(lines.get(i));
      if (b == Border.TOP) {
        return i;
      }
      if (b != Border.SIDE && !lines.get(i).isBlank()) {
        return i + 1;
      }
      if (lines.get(i).isBlank() && open == 0) {
        return i + 1;
      }
    }
    return top;
  }

  private enum Border { TOP, BOTTOM, SIDE, NONE }

  private static Border border(String line) {
    String s = line.strip();
    if (s.isEmpty()) {
      return Border.NONE;
    }
    char c = s.charAt(0);
    boolean ruled = s.length() > 10 && "─━═▀▄".indexOf(s.charAt(1)) >= 0;
    return switch (c) {
      case '╭', '┌', '┏', '╔' -> ruled ? Border.TOP : Border.NONE;
      case '╰', '└', '┗', '╚', '╹' -> ruled ? Border.BOTTOM : Border.NONE;
      case '│', '┃', '║' -> Border.SIDE;
      default -> Border.NONE;
    };
  }
}
