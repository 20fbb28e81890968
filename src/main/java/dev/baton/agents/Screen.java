package dev.baton.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
  static final int LAST_OUTPUT_LINES = 6;
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
    return inputTop(null);
  }

  /**
   * Index of the first line of the input region, widened up to the CLI's input line when the text
   * typed there wraps: a long prompt pushes the line with the input marker ({@code ›}, {@code ❯})
   * above the bottom lines while the cursor stays at the end of the text. The marker counts only
   * when it starts the unbroken block of lines the cursor sits in, so a prompt echoed higher up,
   * past a blank line, never becomes input.
   *
   * @param inputMarker the CLI's input-line pattern, or null when it has none
   */
  public int inputTop(Pattern inputMarker) {
    int n = lines.size();
    if (n == 0) {
      return 0;
    }
    int top = Math.max(0, n - INPUT_LINES);
    if (cursorY >= 0 && cursorY < top && n - cursorY <= MAX_INPUT_LINES) {
      top = cursorY;
    }
    top = widenToBox(top);
    int marker = markerAboveCursor(inputMarker);
    return marker >= 0 && marker < top ? marker : top;
  }

  /** The line of the input marker that starts the block the cursor is in, or -1. */
  private int markerAboveCursor(Pattern inputMarker) {
    int n = lines.size();
    if (inputMarker == null || cursorY < 0 || cursorY >= n) {
      return -1;
    }
    int limit = Math.max(0, n - MAX_INPUT_LINES);
    for (int i = cursorY; i >= limit; i--) {
      String line = lines.get(i);
      if (line.isBlank()) {
        if (i == cursorY) {
          continue; // the cursor sits on a fresh line the wrapped text has just reached
        }
        return -1;
      }
      Matcher m = inputMarker.matcher(line + " ");
      if (m.find() && m.start() == 0) {
        return i;
      }
      if (!Character.isWhitespace(line.charAt(0))) {
        return -1; // wrapped input is indented under its marker; anything else is not the input
      }
    }
    return -1;
  }

  /**
   * Index of the first line of the status region: up to {@value #STATUS_LINES} non-blank lines
   * within {@value #STATUS_SPAN} rows above the input (a status line sits close to the input).
   */
  public int statusTop() {
    return statusTop(null);
  }

  int statusTop(Pattern inputMarker) {
    int input = inputTop(inputMarker);
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
    return bounds(region, null);
  }

  /** First and last-plus-one line index of a region, the input following the CLI's input line. */
  int[] bounds(Region region, Pattern inputMarker) {
    int input = inputTop(inputMarker);
    int status = statusTop(inputMarker);
    return switch (region) {
      case INPUT -> new int[] {input, lines.size()};
      case STATUS -> new int[] {status, input};
      case TRANSCRIPT -> new int[] {0, status};
      case LAST_OUTPUT -> lastOutput(input);
    };
  }

  /**
   * The last unbroken block of non-blank lines above the input (at most {@value #LAST_OUTPUT_LINES}
   * of its lines, counted from its end), however far above the input it sits.
   */
  private int[] lastOutput(int input) {
    int end = input;
    while (end > 0 && lines.get(end - 1).isBlank()) {
      end--;
    }
    int start = end;
    while (start > 0 && !lines.get(start - 1).isBlank() && end - start < LAST_OUTPUT_LINES) {
      start--;
    }
    return new int[] {start, end};
  }

  /**
   * The lines of typed text that wrapped below the input line, up to the cursor: what the user
   * typed there says nothing about the CLI's state. Empty without a cursor or an input line.
   */
  int[] wrappedInput(Pattern inputMarker) {
    int marker = markerAboveCursor(inputMarker);
    return marker < 0
        ? new int[] {0, 0}
        : new int[] {marker + 1, Math.min(cursorY + 1, lines.size())};
  }

  /** The last non-blank line, stripped; empty for an empty screen. */
  public String lastLine() {
    return lines.isEmpty() ? "" : lines.getLast().strip();
  }

  /**
   * Moves the top of the input region up to the top border of a box the region starts inside of: a
   * dialog box is one unit, and its title must not fall into the status region.
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

  private enum Border {
    TOP,
    BOTTOM,
    SIDE,
    NONE
  }

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
