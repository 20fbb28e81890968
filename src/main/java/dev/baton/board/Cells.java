package dev.baton.board;

/**
 * Where each cell of one table line sits in the text: the inner span between the pipes and the
 * trimmed content span. Surgical writes replace only a content span.
 */
final class Cells {

  private final int line;
  private final int[] innerStart;
  private final int[] innerEnd;
  private final int[] contentStart;
  private final int[] contentEnd;

  Cells(String text, int line, int[] innerStart, int[] innerEnd) {
    this.line = line;
    this.innerStart = innerStart;
    this.innerEnd = innerEnd;
    this.contentStart = new int[innerStart.length];
    this.contentEnd = new int[innerStart.length];
    for (int i = 0; i < innerStart.length; i++) {
      int s = innerStart[i];
      int e = innerEnd[i];
      while (s < e && Character.isWhitespace(text.charAt(s))) {
        s++;
      }
      while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
        e--;
      }
      contentStart[i] = s;
      contentEnd[i] = e;
    }
  }

  int line() {
    return line;
  }

  int count() {
    return innerStart.length;
  }

  int innerStart(int i) {
    return innerStart[i];
  }

  int innerEnd(int i) {
    return innerEnd[i];
  }

  int contentStart(int i) {
    return contentStart[i];
  }

  int contentEnd(int i) {
    return contentEnd[i];
  }

  /**
   * Cell text with Baton's escapes ({@code \| \[ \] \< \` \\}) undone, read left to right so that
   * an escaped backslash before a pipe reads back as the backslash and the pipe it was; empty for a
   * cell the row does not have.
   */
  String value(String text, int i) {
    if (i < 0 || i >= count()) {
      return "";
    }
    int from = contentStart[i];
    int to = contentEnd[i];
    int first = from;
    while (first < to && text.charAt(first) != '\\') {
      first++;
    }
    if (first == to) {
      return text.substring(from, to);
    }
    StringBuilder out = new StringBuilder(to - from).append(text, from, first);
    for (int k = first; k < to; k++) {
      char c = text.charAt(k);
      if (c == '\\' && k + 1 < to && "|[]<`\\".indexOf(text.charAt(k + 1)) >= 0) {
        out.append(text.charAt(++k));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
