package dev.baton.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class BoardPropertiesTest {

  private final BoardCodec codec = new BoardCodec();

  record Generated(List<TaskRow> tasks, List<LogEntry> log, Integer progress) {}

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
  void anUpdateChangesOnlyTheTargetLine(
      @ForAll("boards") Generated board,
      @ForAll @IntRange(max = 1000) int pick,
      @ForAll TaskStatus status,
      @ForAll("cells") String assignee,
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
    assertThat(reread.task(target.id()))
        .contains(target.withStatus(status).withAssignedTo(assignee));
    List<TaskRow> others = new ArrayList<>(reread.tasks());
    others.removeIf(t -> t.id().equals(target.id()));
    List<TaskRow> expectedOthers = new ArrayList<>(board.tasks());
    expectedOthers.removeIf(t -> t.id().equals(target.id()));
    assertThat(others).isEqualTo(expectedOthers);
  }

  /**
   * A {@code ]} inside a code span does not close a bracket: flexmark reads this row as one cell.
   */
  @Example
  void aBracketClosedOnlyInsideACodeSpanKeepsThePipesInOneCell() {
    onePassSplitAgreesWithFlexmark("|[`]|`|]|");
    onePassSplitAgreesWithFlexmark("|a [b `]` c | d] |");
  }

  /** The one-pass split must give the cells flexmark gives, escapes and code spans included. */
  @Property(tries = 3000)
  void onePassSplitAgreesWithFlexmark(@ForAll("markupRows") String row) {
    String text = "| a | b |\n|---|---|\n" + row + "\n";
    TextLines lines = TextLines.of(text);
    CellSplitter splitter = new CellSplitter();
    Cells flex = splitter.splitWithFlexmark(text, lines, 0, 1, new int[] {2}).get(1);
    Cells used = splitter.split(text, lines, 0, 1, new int[] {2}).get(1);
    Cells onePass = CellSplitter.splitRow(text, 2, lines.start(2), lines.contentEnd(2));
    for (Cells c :
        CellSplitter.needsFlexmark(text, lines.start(2), lines.contentEnd(2))
            ? List.of(used)
            : List.of(used, onePass)) {
      assertThat(c.count()).as(row).isEqualTo(flex.count());
      for (int i = 0; i < c.count(); i++) {
        assertThat(c.value(text, i)).as(row + " cell " + i).isEqualTo(flex.value(text, i));
      }
    }
  }

  @Provide
  Arbitrary<String> markupRows() {
    Arbitrary<String> cell =
        Arbitraries.strings().withChars("ab1 *_]()<>!~#&;:é🎉-{}$^=+\\`|[?").ofMaxLength(9);
    return Combinators.combine(
            cell.list().ofMinSize(1).ofMaxSize(5),
            Arbitraries.of(true, false),
            Arbitraries.strings().withChars(" \t").ofMaxLength(3))
        .as((cs, closed, trail) -> "|" + String.join("|", cs) + (closed ? "|" : "") + trail);
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
  Arbitrary<Generated> boards() {
    Arbitrary<String> cell = cells();
    Arbitrary<String> date = Arbitraries.of("2026-01-27", "2026-11-26", "");
    Arbitrary<TaskRow> row =
        Combinators.combine(
                cell,
                cell,
                Arbitraries.of(Priority.class).injectNull(0.2),
                Arbitraries.of(TaskStatus.class),
                date)
            .as(
                (task, who, prio, status, created) ->
                    TaskRow.of(TaskId.of(0), task, who, prio, status, created));
    Arbitrary<List<TaskRow>> rows =
        row.list()
            .ofMaxSize(12)
            .flatMap(
                list ->
                    Arbitraries.integers()
                        .between(1, 5000)
                        .set()
                        .ofSize(list.size())
                        .map(
                            ids -> {
                              List<Integer> sorted = new ArrayList<>(ids);
                              List<TaskRow> out = new ArrayList<>();
                              for (int i = 0; i < list.size(); i++) {
                                TaskRow r = list.get(i);
                                out.add(
                                    TaskRow.of(
                                        TaskId.of(sorted.get(i)),
                                        r.task(),
                                        r.assignedTo(),
                                        r.priority(),
                                        r.status(),
                                        r.created()));
                              }
                              return out;
                            }));
    Arbitrary<LogEntry> entry =
        Combinators.combine(
                date,
                cell,
                Arbitraries.integers().between(1, 6000),
                Arbitraries.of(TaskStatus.class),
                cell)
            .as((d, agent, n, status, note) -> LogEntry.of(d, agent, TaskId.of(n), status, note));
    return Combinators.combine(
            rows, entry.list().ofMaxSize(8), Arbitraries.integers().between(0, 100).injectNull(0.5))
        .as(Generated::new);
  }
}
