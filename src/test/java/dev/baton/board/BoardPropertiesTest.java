package dev.baton.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class BoardPropertiesTest {

    private final BoardCodec codec = new BoardCodec();

    record Generated(List<TaskRow> tasks, List<LogEntry> log, Integer progress) {
    }

    @Property(tries = 300)
    void parsingARenderedBoardGivesItBack(@ForAll("boards") Generated board) {
        String text = codec.render(board.tasks(), board.log(), board.progress());
        Board parsed = codec.parse(text);
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.tasks()).isEqualTo(board.tasks());
        assertThat(parsed.log()).isEqualTo(board.log());
        assertThat(parsed.progress().isPresent() ? Integer.valueOf(parsed.progress().getAsInt()) : null)
                .isEqualTo(board.progress());
        assertThat(new BoardEditor(parsed, null).result()).isEqualTo(text);
    }

    @Property(tries = 300)
    void anUpdateChangesOnlyTheTargetLine(@ForAll("boards") Generated board, @ForAll @IntRange(max = 1000) int pick,
                                          @ForAll TaskStatus status, @ForAll("cells") String assignee,
                                          @ForAll boolean crlf) {
        if (board.tasks().isEmpty()) {
            return;
        }
        String text = codec.render(board.tasks(), board.log(), board.progress());
        if (crlf) {
            text = text.replace("\n", "\r\n");
        }
        Board parsed = codec.parse(text);
        TaskRow target = board.tasks().get(pick % board.tasks().size());
        BoardEditor editor = new BoardEditor(parsed, null);
        editor.setStatus(target.id(), status);
        editor.setAssignedTo(target.id(), assignee);
        String out = editor.result();
        List<String> before = Corpus.linesWithEndings(text);
        List<String> after = Corpus.linesWithEndings(out);
        assertThat(after).hasSameSizeAs(before);
        int line = parsed.lineOf(target.id()) - 1;
        for (int i = 0; i < before.size(); i++) {
            if (i != line) {
                assertThat(after.get(i)).isEqualTo(before.get(i));
            }
        }
        Board reread = codec.parse(out);
        assertThat(reread.task(target.id())).contains(target.withStatus(status).withAssignedTo(assignee));
        List<TaskRow> others = new ArrayList<>(reread.tasks());
        others.removeIf(t -> t.id().equals(target.id()));
        List<TaskRow> expectedOthers = new ArrayList<>(board.tasks());
        expectedOthers.removeIf(t -> t.id().equals(target.id()));
        assertThat(others).isEqualTo(expectedOthers);
    }

    /** The plain-line shortcut must split exactly as flexmark does. */
    @Property(tries = 500)
    void plainSplitAgreesWithFlexmark(@ForAll("plainRows") String row) {
        String text = "| a | b |\n|---|---|\n" + row + "\n";
        TextLines lines = TextLines.of(text);
        Cells plain = CellSplitter.splitPlain(text, 2, lines.start(2), lines.contentEnd(2));
        String forced = "| a | b |\n|---|---|\n" + row + "\n";
        List<Cells> viaFlexmark = new CellSplitter().split(forced + "| `x` |\n", TextLines.of(forced + "| `x` |\n"),
                0, 1, new int[] {2});
        // row 2 has no backslash or backtick, so split() used the plain path: compare with a flexmark-only parse
        Cells flex = flexmarkOnly(text);
        assertThat(viaFlexmark).isNotNull();
        assertThat(flex.count()).as(row).isEqualTo(plain.count());
        for (int i = 0; i < plain.count(); i++) {
            assertThat(flex.value(text, i)).as(row).isEqualTo(plain.value(text, i));
        }
    }

    private static Cells flexmarkOnly(String text) {
        // a backtick in the header line makes split() send the whole batch through flexmark
        String withTick = text.replaceFirst("\\| a \\|", "| `a` |");
        int shift = withTick.length() - text.length();
        TextLines lines = TextLines.of(withTick);
        String row = withTick.substring(lines.start(2), lines.contentEnd(2)) + " `";
        String probe = withTick.substring(0, lines.start(2)) + row + "\n";
        TextLines pl = TextLines.of(probe);
        Cells c = new CellSplitter().split(probe, pl, 0, 1, new int[] {2}).get(1);
        // the probe row has a trailing " `" after its last cell: drop it from the comparison
        int[] s = new int[c.count()];
        int[] e = new int[c.count()];
        int n = 0;
        for (int i = 0; i < c.count(); i++) {
            if (i == c.count() - 1 && probe.substring(c.innerStart(i), c.innerEnd(i)).strip().endsWith("`")) {
                String inner = probe.substring(c.innerStart(i), c.innerEnd(i));
                String without = inner.substring(0, inner.lastIndexOf('`'));
                if (without.isBlank()) {
                    continue;
                }
                s[n] = c.innerStart(i) - shift;
                e[n] = c.innerStart(i) + without.length() - shift;
                n++;
                continue;
            }
            s[n] = c.innerStart(i) - shift;
            e[n] = c.innerEnd(i) - shift;
            n++;
        }
        return new Cells(text, 2, java.util.Arrays.copyOf(s, n), java.util.Arrays.copyOf(e, n));
    }

    @Provide
    Arbitrary<String> cells() {
        return Arbitraries.strings()
                .withChars("abcXYZ019 -_.,:;!?()[]{}<>*#&%/'\"=+~|éàçÉ€—`")
                .withChars("🎉✅🚀")
                .ofMaxLength(30)
                .map(String::strip);
    }

    @Provide
    Arbitrary<String> plainRows() {
        Arbitrary<String> cell = Arbitraries.strings().withChars("ab1 *_]()<>!~#&;:é🎉-{}$^=+").ofMaxLength(8);
        return Combinators.combine(cell.list().ofMinSize(1).ofMaxSize(5), Arbitraries.of(true, false),
                Arbitraries.strings().withChars(" \t").ofMaxLength(3)).as((cs, closed, trail) ->
                "|" + String.join("|", cs) + (closed ? "|" : "") + trail)
                .filter(r -> !CellSplitter.needsFlexmark(r, 0, r.length()));
    }

    @Provide
    Arbitrary<Generated> boards() {
        Arbitrary<String> cell = cells();
        Arbitrary<String> date = Arbitraries.of("2026-01-27", "2026-11-26", "");
        Arbitrary<TaskRow> row = Combinators.combine(cell, cell, Arbitraries.of(Priority.class).injectNull(0.2),
                Arbitraries.of(TaskStatus.class), date).as((task, who, prio, status, created) ->
                TaskRow.of(TaskId.of(0), task, who, prio, status, created));
        Arbitrary<List<TaskRow>> rows = row.list().ofMaxSize(12).flatMap(list ->
                Arbitraries.integers().between(1, 5000).set().ofSize(list.size()).map(ids -> {
                    List<Integer> sorted = new ArrayList<>(ids);
                    List<TaskRow> out = new ArrayList<>();
                    for (int i = 0; i < list.size(); i++) {
                        TaskRow r = list.get(i);
                        out.add(TaskRow.of(TaskId.of(sorted.get(i)), r.task(), r.assignedTo(), r.priority(),
                                r.status(), r.created()));
                    }
                    return out;
                }));
        Arbitrary<LogEntry> entry = Combinators.combine(date, cell, Arbitraries.integers().between(1, 6000),
                Arbitraries.of(TaskStatus.class), cell).as((d, agent, n, status, note) ->
                LogEntry.of(d, agent, TaskId.of(n), status, note));
        return Combinators.combine(rows, entry.list().ofMaxSize(8),
                Arbitraries.integers().between(0, 100).injectNull(0.5)).as(Generated::new);
    }
}
