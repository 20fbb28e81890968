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
    assertThat(t1)
        .isEqualTo(
            TaskRow.of(
                new TaskId("T-001"),
                "Créer /tmp/test-amp.txt avec \"Hello from AMP\"",
                "AMP (w4)",
                Priority.LOW,
                TaskStatus.IN_PROGRESS,
                "2026-01-27"));
    assertThat(board.status(new TaskId("T-002"))).contains(TaskStatus.BLOCKED);
    assertThat(board.log())
        .containsExactly(
            LogEntry.of(
                "2026-01-27", "Codex", new TaskId("T-003"), TaskStatus.COMPLETED, "file written"),
            LogEntry.of(
                "2026-01-27", "AMP-2", new TaskId("T-002"), TaskStatus.BLOCKED, "out of credits"));
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
    assertThat(board.tasks())
        .extracting(TaskRow::status)
        .containsExactly(
            TaskStatus.COMPLETED,
            TaskStatus.IN_PROGRESS,
            TaskStatus.COMPLETED,
            TaskStatus.BLOCKED,
            TaskStatus.PENDING);
    TaskRow t10 = board.task(new TaskId("T-010")).orElseThrow();
    assertThat(t10.task()).isEqualTo("Parse `a|b` and escape | in output");
    assertThat(t10.statusText()).isEqualTo("✅ COMPLETED");
    assertThat(t10.priority()).isEqualTo(Priority.HIGH);
    TaskRow t11 = board.task(new TaskId("T-011")).orElseThrow();
    assertThat(t11.task()).isEqualTo("Écrire le résumé — naïve café 🎉");
    assertThat(t11.statusText()).isEqualTo("in progress");
    assertThat(board.task(new TaskId("T-013")).orElseThrow().statusText())
        .isEqualTo("blocked: no credits");
    assertThat(board.task(new TaskId("T-013")).orElseThrow().priority()).isNull();
    assertThat(board.task(new TaskId("T-0140")).orElseThrow().priority()).isEqualTo(Priority.MED);
    assertThat(board.log())
        .extracting(LogEntry::taskId)
        .containsExactly(new TaskId("T-010"), new TaskId("T-012"));
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
    assertThat(board.log())
        .containsExactly(
            new LogEntry(
                "2026-03-01",
                "Codex",
                "T-002",
                new TaskId("T-002"),
                TaskStatus.COMPLETED,
                "COMPLETED",
                "ok"));
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
    assertThat(board.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "CLAUDE.md: no \"Task Assignment Queue\" section; expected: a heading \"## Task Assignment Queue\""
                + " followed by the table | ID | Task | Assigned To | Priority | Status | Created |",
            "CLAUDE.md: no \"Task Completion Log\" section; expected: a heading \"## Task Completion Log\""
                + " followed by the table | Date | Agent | Task | Status | Note |");
    assertThat(board.tasks()).isEmpty();
  }

  @Test
  void reportsBadRowsAndKeepsTheGoodOnes() {
    String text =
        """
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
    assertThat(board.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "CLAUDE.md:5: task T-001 appears again (also at line 4); line 5 is read: the most advanced status wins"
                + " (COMPLETED, BLOCKED, IN_PROGRESS, PENDING; on a tie the later row), and Baton writes its"
                + " changes to every copy; expected: each ID once in the queue",
            "CLAUDE.md:6: task T-002 has status \"Fini bientôt\"; the row was not read; expected: one of PENDING, IN_PROGRESS, COMPLETED, BLOCKED",
            "CLAUDE.md:7: row has 4 cell(s); expected: 6 cells, one per header column (| ID | Task | Assigned To | Priority | Status | Created |)",
            "CLAUDE.md:7: task T-003 has status \"\"; the row was not read; expected: one of PENDING, IN_PROGRESS, COMPLETED, BLOCKED",
            "CLAUDE.md:8: \"X-4\" is not a task id; the row was not read; expected: an ID like T-001 (T- followed by at least 3 digits)",
            "CLAUDE.md:9: task T-005 has priority \"urgentissime\"; it is read as no priority; expected: one of LOW, MED, HIGH",
            "CLAUDE.md:14: log entry for T-001 has status \"whatever\"; it is kept without a status; expected: one of PENDING, IN_PROGRESS, COMPLETED, BLOCKED");
    assertThat(board.tasks())
        .extracting(TaskRow::id)
        .containsExactly(new TaskId("T-001"), new TaskId("T-005"));
    assertThat(board.task(new TaskId("T-001")).orElseThrow().task()).isEqualTo("again");
    assertThat(board.log()).hasSize(1);
    assertThat(board.nextId()).isEqualTo(new TaskId("T-006"));
  }

  @Test
  void everyLineUpToTheNextHeadingIsReadOrReported() {
    String text =
        """
                ## Task Assignment Queue
                | ID | Task | Assigned To | Priority | Status | Created |
                |----|------|-------------|----------|--------|---------|
                | T-100 | first | A | LOW | PENDING | 2026-01-01 |
                T-101 | no leading pipe | A | LOW | IN_PROGRESS | 2026-01-01 |
                | T-102 | after it | B | LOW | PENDING | 2026-01-01 |
                a note someone typed into the table

                | T-103 | after a blank line | B | LOW | COMPLETED | 2026-01-01 |

                Prose after the table is prose.

                ## Task Completion Log
                | Date | Agent | Task | Status | Note |
                |------|-------|------|--------|------|
                | 2026-01-01 | A | T-100 | COMPLETED | one |

                | 2026-01-02 | B | T-103 | COMPLETED | after a blank line |
                """;
    Board board = codec.parse(Path.of("CLAUDE.md"), text);
    assertThat(board.tasks())
        .extracting(t -> t.id().value())
        .containsExactly("T-100", "T-101", "T-102", "T-103");
    assertThat(board.task(new TaskId("T-101")).orElseThrow().task()).isEqualTo("no leading pipe");
    assertThat(board.status(new TaskId("T-101"))).contains(TaskStatus.IN_PROGRESS);
    assertThat(board.log()).extracting(LogEntry::note).containsExactly("one", "after a blank line");
    assertThat(board.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "CLAUDE.md:7: line inside the \"Task Assignment Queue\" table is not a table row; it was not read;"
                + " expected: a row like | T-001 | … | … | MED | PENDING | 2026-01-27 |");

    BoardEditor editor = new BoardEditor(board, null);
    editor.setStatus(new TaskId("T-102"), TaskStatus.IN_PROGRESS);
    editor.insertTask(
        TaskRow.of(new TaskId("T-104"), "new", "", Priority.LOW, TaskStatus.PENDING, ""));
    editor.appendLog(
        LogEntry.of("2026-01-03", "C", new TaskId("T-102"), TaskStatus.COMPLETED, "new line"));
    assertThat(editor.result())
        .isEqualTo(
            text.replace("| after it | B | LOW | PENDING |", "| after it | B | LOW | IN_PROGRESS |")
                .replace(
                    "| after a blank line | B | LOW | COMPLETED | 2026-01-01 |\n",
                    "| after a blank line | B | LOW | COMPLETED | 2026-01-01 |\n| T-104 | new |  | LOW | PENDING |  |\n")
                .replace(
                    "| COMPLETED | after a blank line |\n",
                    "| COMPLETED | after a blank line |\n| 2026-01-03 | C | T-102 | COMPLETED | new line |\n"));
  }

  @Test
  void aSecondTableUnderTheQueueHeadingIsReportedAndNeverWrittenInto() {
    String text =
        """
                ## Task Assignment Queue
                | ID | Task | Assigned To | Priority | Status | Created |
                |----|------|-------------|----------|--------|---------|
                | T-001 | one | A | LOW | PENDING | 2026-01-01 |

                | Agent | Window |
                |-------|--------|
                | AMP | 4 |
                """;
    Board board = codec.parse(Path.of("CLAUDE.md"), text);
    assertThat(board.tasks()).extracting(t -> t.id().value()).containsExactly("T-001");
    assertThat(board.problems())
        .extracting(Problem::toString)
        .contains(
            "CLAUDE.md:6: a second table starts here"
                + " under \"Task Assignment Queue\"; its rows are not read; expected: one table per section");
    BoardEditor editor = new BoardEditor(board, null);
    editor.insertTask(
        TaskRow.of(new TaskId("T-002"), "two", "", Priority.LOW, TaskStatus.PENDING, ""));
    assertThat(editor.result())
        .isEqualTo(
            text.replace(
                "| 2026-01-01 |\n", "| 2026-01-01 |\n| T-002 | two |  | LOW | PENDING |  |\n"));
  }

  @Test
  void aDuplicateIdReadsAsItsMostAdvancedRowAndEveryCopyIsEdited() {
    String text =
        """
                ## Task Assignment Queue
                | ID | Task | Assigned To | Priority | Status | Created |
                |----|------|-------------|----------|--------|---------|
                | T-005 | build | AMP (w4) | LOW | PENDING | 2026-01-01 |
                | T-006 | other | A | LOW | PENDING | 2026-01-01 |
                | T-005 | build | AMP (w4) | LOW | COMPLETED | 2026-01-01 |
                | T-005 | build, older copy | AMP (w4) | LOW | IN_PROGRESS | 2026-01-01 |
                """;
    Board board = codec.parse(Path.of("CLAUDE.md"), text);
    TaskId t5 = new TaskId("T-005");
    assertThat(board.status(t5)).contains(TaskStatus.COMPLETED);
    assertThat(board.lineOf(t5)).isEqualTo(6);
    assertThat(board.tasks()).extracting(t -> t.id().value()).containsExactly("T-006", "T-005");
    List<Problem> duplicates =
        board.problems().stream().filter(p -> p.kind() == Problem.Kind.DUPLICATE_ID).toList();
    assertThat(duplicates).extracting(Problem::line).containsExactly(6, 7);
    assertThat(duplicates).allMatch(p -> p.message().contains("line 6 is read"));

    BoardEditor editor = new BoardEditor(board, null);
    editor.setStatus(t5, TaskStatus.BLOCKED);
    String out = editor.result();
    assertThat(out)
        .isEqualTo(
            text.replace(
                    "| LOW | PENDING | 2026-01-01 |\n| T-006",
                    "| LOW | BLOCKED | 2026-01-01 |\n| T-006")
                .replace("| COMPLETED |", "| BLOCKED |")
                .replace("| IN_PROGRESS |", "| BLOCKED |"));
    assertThat(codec.parse(out).status(t5)).contains(TaskStatus.BLOCKED);
  }

  @Test
  void aBoardEndingMidRowReportsItAsTruncated() {
    String text = Corpus.read("seed-like.md");
    String cut = text.substring(0, text.indexOf("| MED | COMPLETED"));
    Board board = codec.parse(Path.of("CLAUDE.md"), cut);
    assertThat(board.truncated()).isTrue();
    assertThat(board.problems())
        .extracting(Problem::toString)
        .contains(
            "CLAUDE.md:10: the file ends in the middle"
                + " of this row: it looks truncated (being written?); the row was not read; expected: the whole file,"
                + " every row ending with a line break");
    assertThat(board.problems())
        .extracting(Problem::kind)
        .doesNotContain(Problem.Kind.UNKNOWN_STATUS, Problem.Kind.WRONG_CELL_COUNT);
    assertThat(board.tasks()).hasSize(2);
    String lastRowWithoutLineBreak =
        """
                ## Task Assignment Queue
                | ID | Task | Assigned To | Priority | Status | Created |
                |----|------|-------------|----------|--------|---------|
                | T-009 | last, no line break | A | LOW | PENDING | 2026-01-01 |""";
    assertThat(codec.parse(lastRowWithoutLineBreak).truncated()).isFalse();
    assertThat(codec.parse(lastRowWithoutLineBreak).status(new TaskId("T-009")))
        .contains(TaskStatus.PENDING);
  }

  @Test
  void parseCostGrowsLinearlyOnBoardsWithMarkupAndNoProgressLine() {
    java.lang.management.ThreadMXBean cpu =
        java.lang.management.ManagementFactory.getThreadMXBean();
    String small = BoardBenchmark.realBoard(4_000);
    String large = BoardBenchmark.realBoard(16_000);
    for (int i = 0; i < 3; i++) {
      codec.parse(small);
    }
    long[] t = new long[2];
    for (int k = 0; k < 2; k++) {
      String text = k == 0 ? small : large;
      long best = Long.MAX_VALUE;
      for (int i = 0; i < 3; i++) {
        long t0 = cpu.getCurrentThreadCpuTime();
        assertThat(codec.parse(text).problems()).isEmpty();
        best = Math.min(best, cpu.getCurrentThreadCpuTime() - t0);
      }
      t[k] = best;
    }
    // four times the rows: about four times the work when linear, sixteen when quadratic
    assertThat((double) t[1] / t[0])
        .as("16k rows vs 4k rows, CPU ns %d vs %d", t[1], t[0])
        .isLessThan(8.0);
    assertThat(t[1] / 1e6).as("CPU ms for 16k rows").isLessThan(1000.0);
  }

  @Test
  void reportsATableWithoutSeparatorOrRequiredColumns() {
    String text =
        """
                ## Task Assignment Queue
                | ID | Task | Status |
                | T-001 | a | PENDING |

                ## Task Completion Log
                | Date | Agent | Note |
                |------|-------|------|
                | 2026-01-01 | A | hmm |
                """;
    Board board = codec.parse(Path.of("CLAUDE.md"), text);
    assertThat(board.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "CLAUDE.md:2: the table under \"Task Assignment Queue\" has no separator line after its header;"
                + " expected: a line like |----|------|-------------|----------|--------|---------| under the header",
            "CLAUDE.md:6: the \"Task Completion Log\" table has no Task or Status column, so its 1 row(s) were"
                + " not read; expected: header | Date | Agent | Task | Status | Note |");
  }

  @Test
  void sectionWithoutTableIsReported() {
    Board board =
        codec.parse(
            Path.of("CLAUDE.md"),
            "## Task Assignment Queue\n\nnothing yet\n\n## Task Completion Log\n");
    assertThat(board.problems())
        .extracting(Problem::kind)
        .containsExactly(Kind.MISSING_TABLE, Kind.MISSING_TABLE);
    assertThat(board.problems().get(0).line()).isEqualTo(1);
  }

  @Test
  void statusSpellings() {
    Map<String, TaskStatus> cases =
        Map.ofEntries(
            Map.entry("completed", TaskStatus.COMPLETED),
            Map.entry("✅ COMPLETED", TaskStatus.COMPLETED),
            Map.entry("Done", TaskStatus.COMPLETED),
            Map.entry("✅", TaskStatus.COMPLETED),
            Map.entry("in progress", TaskStatus.IN_PROGRESS),
            Map.entry("In-Progress", TaskStatus.IN_PROGRESS),
            Map.entry("IN_PROGRESS", TaskStatus.IN_PROGRESS),
            Map.entry("blocked: reason", TaskStatus.BLOCKED),
            Map.entry("❌ Bloqué", TaskStatus.BLOCKED),
            Map.entry("**PENDING**", TaskStatus.PENDING),
            Map.entry("terminé", TaskStatus.COMPLETED),
            Map.entry("todo", TaskStatus.PENDING));
    cases.forEach((text, status) -> assertThat(TaskStatus.parse(text)).as(text).contains(status));
    assertThat(TaskStatus.parse("someday")).isEmpty();
    assertThat(TaskStatus.parse("DONEISH")).isEmpty();
    assertThat(TaskStatus.parse("")).isEmpty();
  }
}
