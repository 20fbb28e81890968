package dev.baton.board;

import java.util.Arrays;

/** Line boundaries of a text, keeping each line's own ending ({@code \n}, {@code \r\n} or none). */
final class TextLines {

  private final String text;
  private final int[] start;
  private final int[] contentEnd;
  private final int[] end;
  private final int count;

  private TextLines(String text, int[] start, int[] contentEnd, int[] end, int count) {
    this.text = text;
    this.start = start;
    this.contentEnd = contentEnd;
    this.end = end;
    this.count = count;
  }

  static TextLines of(String text) {
    int cap = 16;
    int[] s = new int[cap];
    int[] ce = new int[cap];
    int[] e = new int[cap];
    int n = 0;
    int pos = 0;
    int len = text.length();
    while (pos < len) {
      int nl = text.indexOf('\n', pos);
      int lineEnd = nl < 0 ? len : nl + 1;
      int cEnd = nl < 0 ? len : (nl > pos && text.charAt(nl - 1) == '\r' ? nl - 1 : nl);
      if (n == cap) {
        cap *= 2;
        s = Arrays.copyOf(s, cap);
        ce = Arrays.copyOf(ce, cap);
        e = Arrays.copyOf(e, cap);
      }
      s[n] = pos;
      ce[n] = cEnd;
      e[n] = lineEnd;
      n++;
      pos = lineEnd;
    }
    return new TextLines(text, s, ce, e, n);
  }

  int count() {
    return count;
  }

  int start(int line) {
    return start[line];
  }

  int contentEnd(int line) {
    return contentEnd[line];
  }

  int end(int line) {
    return end[line];
  }

  String content(int line) {
    return text.substring(start[line], contentEnd[line]);
  }

  String eol(int line) {
    return text.substring(contentEnd[line], end[line]);
  }

  /** First non-blank character of the line, or -1. */
  int firstChar(int line) {
    for (int i = start[line]; i < contentEnd[line]; i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t') {
        return c;
      }
    }
    return -1;
  }

  boolean isBlank(int line) {
    return firstChar(line) < 0;
  }

  /** The ending most lines use, so that inserted lines look like their neighbours. */
  String dominantEol() {
    int crlf = 0;
    int lf = 0;
    for (int i = 0; i < count; i++) {
      int l = end[i] - contentEnd[i];
      if (l == 2) {
        crlf++;
      } else if (l == 1) {
        lf++;
      }
    }
    return crlf > lf ? "\r\n" : "\n";
  }
}
