package dev.baton.board;

import java.util.List;

/**
 * Where one of the two tables sits: its heading, header, separator and last line (0-based), and
 * which column each header cell is.
 */
record TableLayout(
    int headingLine,
    int headerLine,
    int separatorLine,
    int lastLine,
    List<String> headers,
    List<Column> columns) {

  TableLayout {
    headers = List.copyOf(headers);
    columns = List.copyOf(columns);
  }

  int indexOf(Column column) {
    return columns.indexOf(column);
  }
}
