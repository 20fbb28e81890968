package dev.baton.board;

import com.vladsch.flexmark.ext.tables.TableBlock;
import com.vladsch.flexmark.ext.tables.TableCell;
import com.vladsch.flexmark.ext.tables.TableRow;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits table lines into cells the way flexmark's GFM table extension does.
 *
 * <p>Flexmark reads the header and the separator. Rows are split here, in one pass per line: pipes
 * separate cells except inside a code span or after a backslash, as in flexmark. Only a line
 * holding markup that could make a pipe part of a link ({@code ](}) or of an HTML tag, autolink or
 * comment ({@code <} with a pipe before its {@code >}) goes to flexmark, which costs 25–50 µs per
 * row: sending every row with a backtick or a backslash there made real boards cost half a second
 * per 10k rows. A property test checks both paths agree.
 */
final class CellSplitter {

  private final Parser parser;

  CellSplitter() {
    MutableDataSet options = new MutableDataSet();
    options.set(Parser.EXTENSIONS, List.of(TablesExtension.create()));
    options.set(TablesExtension.COLUMN_SPANS, false);
    options.set(TablesExtension.APPEND_MISSING_COLUMNS, false);
    options.set(TablesExtension.DISCARD_EXTRA_COLUMNS, false);
    options.set(TablesExtension.HEADER_SEPARATOR_COLUMN_MATCH, false);
    options.set(TablesExtension.WITH_CAPTION, false);
    options.set(TablesExtension.MIN_SEPARATOR_DASHES, 1);
    options.set(TablesExtension.MIN_HEADER_ROWS, 1);
    options.set(TablesExtension.MAX_HEADER_ROWS, 1);
    this.parser = Parser.builder(options).build();
  }

  /**
   * Cells of each row line, plus the header's cells at index 0.
   *
   * @return null when flexmark does not see a table in header + separator
   */
  List<Cells> split(
      String text, TextLines lines, int headerLine, int separatorLine, int[] rowLines) {
    return split(text, lines, headerLine, separatorLine, rowLines, false);
  }

  /**
   * The same with every row through flexmark: the reference the one-pass split is tested against.
   */
  List<Cells> splitWithFlexmark(
      String text, TextLines lines, int headerLine, int separatorLine, int[] rowLines) {
    return split(text, lines, headerLine, separatorLine, rowLines, true);
  }

  private List<Cells> split(
      String text,
      TextLines lines,
      int headerLine,
      int separatorLine,
      int[] rowLines,
      boolean allFlexmark) {
    List<Integer> viaFlexmark = new ArrayList<>();
    viaFlexmark.add(headerLine);
    viaFlexmark.add(separatorLine);
    Cells[] result = new Cells[rowLines.length + 1];
    for (int i = 0; i < rowLines.length; i++) {
      int line = rowLines[i];
      if (allFlexmark || needsFlexmark(text, lines.start(line), lines.contentEnd(line))) {
        viaFlexmark.add(line);
      } else {
        result[i + 1] = splitRow(text, line, lines.start(line), lines.contentEnd(line));
      }
    }
    Cells[] parsed = parseWithFlexmark(text, lines, viaFlexmark);
    if (parsed == null) {
      return null;
    }
    result[0] = parsed[0];
    int k = 2;
    for (int i = 0; i < rowLines.length; i++) {
      if (result[i + 1] == null) {
        Cells c = parsed[k++];
        int line = rowLines[i];
        result[i + 1] =
            c != null ? c : splitRow(text, line, lines.start(line), lines.contentEnd(line));
      }
    }
    return Arrays.asList(result);
  }

  /**
   * Whether a pipe on the line could belong to a bracket span, a link or inline HTML, which only
   * flexmark can tell: a pipe inside {@code [...]} (flexmark keeps even an undefined reference
   * whole), a {@code ](}, or a {@code <} with a pipe between it and its {@code >} (the last {@code
   * >} of the line for comments and declarations, which may hold a {@code >} themselves).
   * Backslash-escaped characters are skipped, as flexmark reads them as text. A line with both a
   * {@code [} and a backtick goes to flexmark too: a {@code ]} inside a code span does not close
   * the bracket for flexmark ({@code |[`]|`|]|} is one cell), and such lines are too rare to be
   * worth telling apart here.
   */
  static boolean needsFlexmark(String text, int from, int to) {
    if (indexOf(text, '[', from, to) < to && indexOf(text, '`', from, to) < to) {
      return true;
    }
    int depth = 0;
    boolean pipeInside = false;
    // next '>' and '|' after the last '<' looked at, and the line's last '>' (searches stay within
    // the line)
    int nextGt = -1;
    int nextBar = -1;
    int lastGt = -1;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < to && isAsciiPunctuation(text.charAt(i + 1))) {
        i++;
      } else if (c == '[') {
        depth++;
      } else if (c == ']') {
        if (i + 1 < to && text.charAt(i + 1) == '(') {
          return true;
        }
        if (depth > 0) {
          if (pipeInside) {
            return true;
          }
          depth--;
        }
      } else if (c == '|') {
        pipeInside |= depth > 0;
      } else if (c == '<') {
        boolean declaration =
            i + 1 < to && (text.charAt(i + 1) == '!' || text.charAt(i + 1) == '?');
        if (nextGt <= i) {
          nextGt = indexOf(text, '>', i + 1, to);
        }
        if (declaration && lastGt < 0) {
          lastGt = lastIndexOf(text, '>', from, to);
        }
        int close = declaration ? lastGt : nextGt;
        if (close <= i || close >= to) {
          continue;
        }
        if (nextBar <= i) {
          nextBar = indexOf(text, '|', i + 1, to);
        }
        if (nextBar > i && nextBar < close) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * One row line split in one pass: a pipe separates cells unless a backslash escapes it or a code
   * span (a run of backticks up to the next run of the same length) holds it. Text before the first
   * pipe is the first cell when the line does not start with one; blank text after the last pipe is
   * not a cell, unless the line is a lone pipe (one empty cell).
   */
  static Cells splitRow(String text, int line, int from, int to) {
    int pos = from;
    while (pos < to && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
      pos++;
    }
    if (pos >= to) {
      return new Cells(text, line, new int[0], new int[0]);
    }
    if (text.charAt(pos) == '|') {
      pos++;
    } else {
      pos = from;
    }
    int[] s = new int[8];
    int[] e = new int[8];
    int n = 0;
    int cellStart = pos;
    int i = pos;
    // backtick run lengths already known to have no closer up to the end of the line
    long unclosed = 0;
    while (true) {
      int bar = -1;
      while (i < to) {
        char c = text.charAt(i);
        if (c == '|') {
          bar = i;
          break;
        } else if (c == '\\') {
          i += i + 1 < to && isAsciiPunctuation(text.charAt(i + 1)) ? 2 : 1;
        } else if (c == '`') {
          int run = run(text, i, to);
          long bit = run < 64 ? 1L << run : 0;
          int close = (unclosed & bit) != 0 ? -1 : closingRun(text, i + run, to, run);
          if (close < 0) {
            unclosed |= bit;
          }
          i = close >= 0 ? close + run : i + run;
        } else {
          i++;
        }
      }
      boolean last = bar < 0;
      int cellEnd = last ? to : bar;
      if (last && n > 0 && text.substring(cellStart, to).isBlank()) {
        break;
      }
      if (n == s.length) {
        s = Arrays.copyOf(s, n * 2);
        e = Arrays.copyOf(e, n * 2);
      }
      s[n] = cellStart;
      e[n] = cellEnd;
      n++;
      if (last) {
        break;
      }
      cellStart = bar + 1;
      i = bar + 1;
    }
    return new Cells(text, line, Arrays.copyOf(s, n), Arrays.copyOf(e, n));
  }

  /** {@code to} when the character is not in [from, to): the search never leaves the line. */
  private static int indexOf(String text, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == c) {
        return i;
      }
    }
    return to;
  }

  private static int lastIndexOf(String text, char c, int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      if (text.charAt(i) == c) {
        return i;
      }
    }
    return from;
  }

  private static int run(String text, int at, int to) {
    int end = at;
    while (end < to && text.charAt(end) == '`') {
      end++;
    }
    return end - at;
  }

  /** Start of the next backtick run of exactly {@code length} in [from, to), or -1. */
  private static int closingRun(String text, int from, int to, int length) {
    int i = from;
    while (i < to) {
      if (text.charAt(i) == '`') {
        int r = run(text, i, to);
        if (r == length) {
          return i;
        }
        i += r;
      } else {
        i++;
      }
    }
    return -1;
  }

  private static boolean isAsciiPunctuation(char c) {
    return c >= '!' && c <= '/'
        || c >= ':' && c <= '@'
        || c >= '[' && c <= '`'
        || c >= '{' && c <= '~';
  }

  /** One flexmark parse over the given lines, joined; element i answers line i (null if missed). */
  private Cells[] parseWithFlexmark(String text, TextLines lines, List<Integer> which) {
    StringBuilder mini = new StringBuilder();
    int[] miniStart = new int[which.size()];
    for (int i = 0; i < which.size(); i++) {
      miniStart[i] = mini.length();
      int line = which.get(i);
      mini.append(text, lines.start(line), lines.contentEnd(line)).append('\n');
    }
    Node doc = parser.parse(mini.toString());
    TableBlock table = null;
    for (Node n = doc.getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof TableBlock t && n.getStartOffset() == 0) {
        table = t;
        break;
      }
    }
    if (table == null) {
      return null;
    }
    Cells[] out = new Cells[which.size()];
    for (Node n : table.getDescendants()) {
      if (!(n instanceof TableRow row)) {
        continue;
      }
      int idx = Arrays.binarySearch(miniStart, row.getStartOffset());
      if (idx < 0) {
        idx = -idx - 2;
      }
      if (idx < 0 || out[idx] != null) {
        continue;
      }
      int line = which.get(idx);
      int shift = lines.start(line) - miniStart[idx];
      List<int[]> spans = new ArrayList<>();
      for (Node c = row.getFirstChild(); c != null; c = c.getNext()) {
        if (c instanceof TableCell cell) {
          int s =
              cell.getOpeningMarker().isNotNull() && !cell.getOpeningMarker().isEmpty()
                  ? cell.getOpeningMarker().getEndOffset()
                  : cell.getStartOffset();
          int e =
              cell.getClosingMarker().isNotNull() && !cell.getClosingMarker().isEmpty()
                  ? cell.getClosingMarker().getStartOffset()
                  : cell.getEndOffset();
          spans.add(new int[] {s + shift, Math.max(s, e) + shift});
        }
      }
      int[] s = new int[spans.size()];
      int[] e = new int[spans.size()];
      for (int i = 0; i < s.length; i++) {
        s[i] = spans.get(i)[0];
        e[i] = Math.min(spans.get(i)[1], lines.contentEnd(line));
      }
      out[idx] = new Cells(text, line, s, e);
    }
    return out;
  }
}
