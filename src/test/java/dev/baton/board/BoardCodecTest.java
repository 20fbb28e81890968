package dev.baton.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.board.Problem.Kind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class BoardCodecTest {

    private final BoardCodec codec = new BoardCodec();
    static final List<String> CORPUS = Corpus.NAMES;

    @ParameterizedTest
    @FieldSource("CORPUS")
    void writingWithoutChangesGivesTheSameBytes(String name) {
        String text = Corpus.read(name);
        Board board = codec.parse(Path.of(name), text);
        BoardEditor editor = new BoardEditor(board, null);
        assertThat(editor.result()).isEqualTo(text);
        assertThat(editor.hasChanges()).isFalse();
    }

    @ParameterizedTest
    @FieldSource("CORPUS")
    void corpusBoardsHaveTheirSectionsAndNoUnexpectedProblems(String name) {
        Board board = codec.parse(Path.of(name), Corpus.read(name));
        assertThat(board.hasQueueSection()).isTrue();
        assertThat(board.hasLogSection()).isTrue();
        assertThat(board.problems()).allMatch(p -> p.kind() == Kind.WRONG_CELL_COUNT, name);
    }

    @Test
    void readsTheSeedFormat() {
        Board board = codec.parse(Corpus.read("seed-like.md"));
        assertThat(board.tasks()).hasSize(4);
        TaskRow t1 = board.task(new TaskId("T-001")).orElseThrow();
        assertThat(t1).isEqualTo(TaskRow.of(new TaskId("T-001"), "Créer /tmp/test-amp.txt avec \"Hello from AMP\"",
                "AMP (w4)", Priority.LOW, TaskStatus.IN_PROGRESS, "2026-01-27"));
        assertThat(board.status(new TaskId("T-002"))).contains(TaskStatus.BLOCKED);
        assertThat(board.log()).containsExactly(
                LogEntry.of("2026-01-27", "Codex", new TaskId("T-003"), TaskStatus.COMPLETED, "file written"),
                LogEntry.of("2026-01-27", "AMP-2", new TaskId("T-002"), TaskStatus.BLOCKED, "out of credits"));
        assertThat(board.nextId()).isEqualTo(new TaskId("T-005"));
        assertThat(board.progress()).isEmpty();
        assertThat(board.lineOf(new TaskId("T-003"))).isEqualTo(10);
    }

    @Test
    void crlfBoardReadsLikeItsLfTwin() {
        Board lf = codec.parse(Corpus.read("seed-like.md"));
        Board crlf = codec.parse(Corpus.read("crlf.md"));
        assertThat(crlf.tasks()).isEqualTo(lf.tasks());
        assertThat(crlf.log()).isEqualTo(lf.log());
    }

    @Test
    void toleratesPaddingEmojiAccentsEscapesAndAgentSpellings() {
        Board board = codec.parse(Corpus.read("messy.md"));
        assertThat(board.progress()).hasValue(40);
        assertThat(board.tasks()).extracting(TaskRow::status).containsExactly(TaskStatus.COMPLETED,
                TaskStatus.IN_PROGRESS, TaskStatus.COMPLETED, TaskStatus.BLOCKED, TaskStatus.PENDING);
        TaskRow t10 = board.task(new TaskId("T-010")).orElseThrow();
        assertThat(t10.task()).isEqualTo("Parse `a|b` and escape | in output");
        assertThat(t10.statusText()).isEqualTo("✅ COMPLETED");
        assertThat(t10.priority()).isEqualTo(Priority.HIGH);
        TaskRow t11 = board.task(new TaskId("T-011")).orElseThrow();
        assertThat(t11.task()).isEqualTo("Écrire le résumé — naïve café 🎉");
        assertThat(t11.statusText()).isEqualTo("in progress");
        assertThat(board.task(new TaskId("T-013")).orElseThrow().statusText()).isEqualTo("blocked: no credits");
        assertThat(board.task(new TaskId("T-013")).orElseThrow().priority()).isNull();
        assertThat(board.task(new TaskId("T-0140")).orElseThrow().priority()).isEqualTo(Priority.MED);
        assertThat(board.log()).extracting(LogEntry::taskId).containsExactly(new TaskId("T-010"), new TaskId("T-012"));
        assertThat(board.log().get(0).note()).isEqualTo("escaped | pipes kept");
        assertThat(board.nextId()).isEqualTo(new TaskId("T-141"));
    }

    @Test
    void readsReorderedAndExtraColumnsAndAMissingPriorityColumn() {
        Board board = codec.parse(Corpus.read("extra-columns.md"));
        TaskRow t1 = board.task(new TaskId("T-001")).orElseThrow();
        assertThat(t1.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(t1.task()).isEqualTo("Write docs");
        assertThat(t1.priority()).isNull();
        assertThat(t1.extra()).isEqualTo(Map.of("Notes", "needs review"));
        assertThat(board.log()).containsExactly(new LogEntry("2026-03-01", "Codex", "T-002", new TaskId("T-002"),
                TaskStatus.COMPLETED, "COMPLETED", "ok"));
    }

    @Test
    void ignoresTablesInsideCodeFences() {
        Board board = codec.parse(Corpus.read("fenced-example.md"));
        assertThat(board.tasks()).extracting(TaskRow::id).containsExactly(new TaskId("T-001"));
        assertThat(board.problems()).isEmpty();
    }

    @Test
    void oneRowAndEmptyTables() {
        Board one = codec.parse(Corpus.read("one-row.md"));
        assertThat(one.tasks()).hasSize(1);
        assertThat(one.log()).hasSize(1);
        Board empty = codec.parse(Corpus.read("empty-tables.md"));
        assertThat(empty.tasks()).isEmpty();
        assertThat(empty.log()).isEmpty();
        assertThat(empty.nextId()).isEqualTo(new TaskId("T-001"));
    }

    @Test
    void reportsMissingSectionsWithWhatIsExpected() {
        Board board = codec.parse(Path.of("CLAUDE.md"), "# Just prose\n\nNothing here.\n");
        assertThat(board.problems()).extracting(Problem::toString).containsExactly(
                "CLAUDE.md: no \"Task Assignment Queue\" section; expected: a heading \"## Task Assignment Queue\""
                        + " followed by the table | ID | Task | Assigned To | Priority | Status | Created |",
                "CLAUDE.md: no \"Task Completion Log\" section; expected: a heading \"## Task Completion Log\""
                        + " followed by the table | Date | Agent | Task | Status | Note |");
        assertThat(board.tasks()).isEmpty();
    }

    @Test
    void reportsBadRowsAndKeepsTheGoodOnes() {
        String text = """
                ## Task Assignment Queue
                | ID | Task | Assigned To | Priority | Status | Created |
                |----|------|-------------|----------|--------|---------|
                | T-001 | ok | A | LOW | PENDING | 2026-01-01 |
                | T-001 | again | B | LOW | PENDING | 2026-01-01 |
                | T-002 | odd status | A | LOW | Fini bientôt | 2026-01-01 |
                | T-003 | short row | A | PENDING |
                | X-4 | bad id | A | LOW | PENDING | 2026-01-01 |
                | T-005 | bad priority | A | urgentissime | COMPLETED | 2026-01-01 |

                ## Task Completion Log
                | Date | Agent | Task | Status | Note |
                |------|-------|------|--------|------|
                | 2026-01-01 | A | T-001 | whatever | hmm |
                """;
        Board board = codec.parse(Path.of("CLAUDE.md"), text);
        assertThat(board.problems()).extracting(Problem::toString).containsExactly(
                "CLAUDE.md:5: task T-001 appears again (first at line 4); this row was not read; expected: each ID once in the queue",
                "CLAUDE.md:6: task T-002 has status \"Fini bientôt\"; the row was not read; expected: one of PENDING, IN_PROGRESS, COMPLETED, BLOCKED",
                "CLAUDE.md:7: row has 4 cell(s); expected: 6 cells, one per header column (| ID | Task | Assigned To | Priority | Status | Created |)",
                "CLAUDE.md:7: task T-003 has status \"\"; the row was not read; expected: one of PENDING, IN_PROGRESS, COMPLETED, BLOCKED",
                "CLAUDE.md:8: \"X-4\" is not a task id; the row was not read; expected: an ID like T-001 (T- followed by at least 3 digits)",
                "CLAUDE.md:9: task T-005 has priority \"urgentissime\"; it is read as no priority; expected: one of LOW, MED, HIGH",
                "CLAUDE.md:14: log entry for T-001 has status \"whatever\"; it is kept without a status; expected: one of PENDING, IN_PROGRESS, COMPLETED, BLOCKED");
        assertThat(board.tasks()).extracting(TaskRow::id).containsExactly(new TaskId("T-001"), new TaskId("T-005"));
        assertThat(board.task(new TaskId("T-001")).orElseThrow().task()).isEqualTo("ok");
        assertThat(board.log()).hasSize(1);
        assertThat(board.nextId()).isEqualTo(new TaskId("T-006"));
    }

    @Test
    void reportsATableWithoutSeparatorOrRequiredColumns() {
        String text = """
                ## Task Assignment Queue
                | ID | Task | Status |
                | T-001 | a | PENDING |

                ## Task Completion Log
                | Date | Agent | Note |
                |------|-------|------|
                | 2026-01-01 | A | hmm |
                """;
        Board board = codec.parse(Path.of("CLAUDE.md"), text);
        assertThat(board.problems()).extracting(Problem::toString).containsExactly(
                "CLAUDE.md:2: the table under \"Task Assignment Queue\" has no separator line after its header;"
                        + " expected: a line like |----|------|-------------|----------|--------|---------| under the header",
                "CLAUDE.md:6: the \"Task Completion Log\" table has no Task or Status column, so its 1 row(s) were"
                        + " not read; expected: header | Date | Agent | Task | Status | Note |");
    }

    @Test
    void sectionWithoutTableIsReported() {
        Board board = codec.parse(Path.of("CLAUDE.md"), "## Task Assignment Queue\n\nnothing yet\n\n## Task Completion Log\n");
        assertThat(board.problems()).extracting(Problem::kind).containsExactly(Kind.MISSING_TABLE, Kind.MISSING_TABLE);
        assertThat(board.problems().get(0).line()).isEqualTo(1);
    }

    @Test
    void statusSpellings() {
        Map<String, TaskStatus> cases = Map.ofEntries(Map.entry("completed", TaskStatus.COMPLETED),
                Map.entry("✅ COMPLETED", TaskStatus.COMPLETED), Map.entry("Done", TaskStatus.COMPLETED),
                Map.entry("✅", TaskStatus.COMPLETED), Map.entry("in progress", TaskStatus.IN_PROGRESS),
                Map.entry("In-Progress", TaskStatus.IN_PROGRESS), Map.entry("IN_PROGRESS", TaskStatus.IN_PROGRESS),
                Map.entry("blocked: reason", TaskStatus.BLOCKED), Map.entry("❌ Bloqué", TaskStatus.BLOCKED),
                Map.entry("**PENDING**", TaskStatus.PENDING), Map.entry("terminé", TaskStatus.COMPLETED),
                Map.entry("todo", TaskStatus.PENDING));
        cases.forEach((text, status) -> assertThat(TaskStatus.parse(text)).as(text).contains(status));
        assertThat(TaskStatus.parse("someday")).isEmpty();
        assertThat(TaskStatus.parse("DONEISH")).isEmpty();
        assertThat(TaskStatus.parse("")).isEmpty();
    }
}
