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
 * <p>Flexmark reads the header, the separator and every line holding inline markup that can hide
 * a pipe (escapes, code spans, brackets and {@code <}, which flexmark reads as a possible link or
 * HTML declaration spanning cells). A plain line, the bulk of any board, is split directly: flexmark
 * costs about 23 µs per row, which would put a 10k-row board far over its time budget. A
 * differential test checks both paths agree on plain lines.
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
    List<Cells> split(String text, TextLines lines, int headerLine, int separatorLine, int[] rowLines) {
        List<Integer> viaFlexmark = new ArrayList<>();
        viaFlexmark.add(headerLine);
        viaFlexmark.add(separatorLine);
        Cells[] result = new Cells[rowLines.length + 1];
        for (int i = 0; i < rowLines.length; i++) {
            int line = rowLines[i];
            if (needsFlexmark(text, lines.start(line), lines.contentEnd(line))) {
                viaFlexmark.add(line);
            } else {
                result[i + 1] = splitPlain(text, line, lines.start(line), lines.contentEnd(line));
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
                result[i + 1] = c != null ? c : splitPlain(text, line, lines.start(line), lines.contentEnd(line));
            }
        }
        return Arrays.asList(result);
    }

    static boolean needsFlexmark(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '`' || c == '[' || c == '<') {
                return true;
            }
        }
        return false;
    }

    /** A line without escapes or code spans: every pipe separates cells. */
    static Cells splitPlain(String text, int line, int from, int to) {
        int pos = text.indexOf('|', from);
        if (pos < 0 || pos >= to) {
            return new Cells(text, line, new int[0], new int[0]);
        }
        pos++;
        int[] s = new int[8];
        int[] e = new int[8];
        int n = 0;
        while (true) {
            int bar = text.indexOf('|', pos);
            boolean last = bar < 0 || bar >= to;
            int cellEnd = last ? to : bar;
            if (last && text.substring(pos, to).isBlank()) {
                break;
            }
            if (n == s.length) {
                s = Arrays.copyOf(s, n * 2);
                e = Arrays.copyOf(e, n * 2);
            }
            s[n] = pos;
            e[n] = cellEnd;
            n++;
            if (last) {
                break;
            }
            pos = bar + 1;
        }
        return new Cells(text, line, Arrays.copyOf(s, n), Arrays.copyOf(e, n));
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
                    int s = cell.getOpeningMarker().isNotNull() && !cell.getOpeningMarker().isEmpty()
                            ? cell.getOpeningMarker().getEndOffset() : cell.getStartOffset();
                    int e = cell.getClosingMarker().isNotNull() && !cell.getClosingMarker().isEmpty()
                            ? cell.getClosingMarker().getStartOffset() : cell.getEndOffset();
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
