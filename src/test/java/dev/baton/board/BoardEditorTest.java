package dev.baton.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

class BoardEditorTest {

  static final List<String> CORPUS = Corpus.NAMES;
  private final BoardCodec codec = new BoardCodec();
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

  @ParameterizedTest
  @FieldSource("CORPUS")
  void statusChangeRewritesOnlyThatCell(String name) {
    String text = Corpus.read(name);
    Board board = codec.parse(text);
    for (TaskRow row : board.tasks()) {
      TaskStatus other =
          row.status() == TaskStatus.BLOCKED ? TaskStatus.PENDING : TaskStatus.BLOCKED;
      BoardEditor editor = new BoardEditor(board, clock);
      editor.setStatus(row.id(), other);
      String out = editor.result();
      List<String> before = Corpus.linesWithEndings(text);
      List<String> after = Corpus.linesWithEndings(out);
      assertThat(after).hasSameSizeAs(before);
      int target = board.lineOf(row.id()) - 1;
      for (int i = 0; i < before.size(); i++) {
        if (i != target) {
          assertThat(after.get(i)).as("line %d of %s", i + 1, name).isEqualTo(before.get(i));
        }
      }
      String expectedLine =
          before
              .get(target)
              .replace("| " + row.statusText().replace("|", "\\|"), "| " + other.name());
      assertThat(after.get(target)).isEqualTo(expectedLine);
      Board reread = codec.parse(out);
      assertThat(reread.task(row.id()).orElseThrow()).isEqualTo(row.withStatus(other));
      assertThat(reread.problems()).isEqualTo(board.problems());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"a \\| b", "ends with \\", "\\\\|x", "C:\\dir\\[1]", "\\`tick\\`", "\\\\\\|"})
  void taskTextWithBackslashesBeforePunctuationReadsBackAsWritten(String text) {
    Board board = codec.parse(Corpus.read("seed-like.md"));
    BoardEditor editor = new BoardEditor(board, clock);
    TaskId id = editor.addTask(new NewTask(text, Priority.HIGH, "AMP (w4)", TaskStatus.PENDING));
    Board reread = codec.parse(editor.result());
    assertThat(reread.task(id).orElseThrow().task()).isEqualTo(text);
    assertThat(reread.problems()).isEqualTo(board.problems());
  }

  @ParameterizedTest
  @FieldSource("CORPUS")
  void newTaskAndLogLineAreInsertedAfterTheLastRowsWithTheTableLineEnding(String name) {
    String text = Corpus.read(name);
    Board board = codec.parse(text);
    BoardEditor editor = new BoardEditor(board, clock);
    TaskId id =
        editor.addTask(
            new NewTask("New | piped task", Priority.HIGH, "AMP (w4)", TaskStatus.PENDING));
    editor.appendLog(LogEntry.of("2026-11-26", "AMP", id, TaskStatus.COMPLETED, "done"));
    String out = editor.result();
    List<String> before = Corpus.linesWithEndings(text);
    List<String> after = new ArrayList<>(Corpus.linesWithEndings(out));
    assertThat(after).hasSize(before.size() + 2);
    Board reread = codec.parse(out);
    int taskLine = reread.lineOf(id) - 1;
    String eol = text.contains("\r\n") ? "\r\n" : "\n";
    assertThat(after.get(taskLine)).startsWith("| ").contains("| " + id + " |");
    assertThat(after.get(taskLine).endsWith(eol) || taskLine == after.size() - 1).isTrue();
    assertThat(reread.task(id).orElseThrow().task()).isEqualTo("New | piped task");
    assertThat(reread.task(id).orElseThrow().created()).isEqualTo("2026-11-26");
    assertThat(reread.log())
        .endsWith(LogEntry.of("2026-11-26", "AMP", id, TaskStatus.COMPLETED, "done"));
    assertThat(reread.tasks()).endsWith(reread.task(id).orElseThrow());
    // removing the two inserted lines gives back the original bytes (modulo a missing final
    // newline)
    String joined = String.join("", after.stream().filter(l -> !l.contains(id.value())).toList());
    assertThat(joined.strip()).isEqualTo(text.strip());
    assertThat(id).isEqualTo(board.nextId());
  }

  @Test
  void createsTheSeedTablesOnAnEmptyFile() {
    BoardEditor editor = new BoardEditor(codec.parse(""), clock);
    editor.addTask(NewTask.pending("First task", Priority.MED));
    assertThat(editor.result())
        .isEqualTo(
            """
                ## Task Assignment Queue
                | ID | Task | Assigned To | Priority | Status | Created |
                |----|------|-------------|----------|--------|---------|
                | T-001 | First task |  | MED | PENDING | 2026-11-26 |
                """);
  }

  @Test
  void createsMissingSectionsAfterProseKeepingItsLineEnding() {
    String text = "# Notes\r\nsome prose without final newline";
    BoardEditor editor = new BoardEditor(codec.parse(text), clock);
    editor.ensureSections();
    assertThat(editor.result())
        .isEqualTo(
            text
                + "\r\n\r\n## Task Assignment Queue\r\n"
                + "| ID | Task | Assigned To | Priority | Status | Created |\r\n"
                + "|----|------|-------------|----------|--------|---------|\r\n\r\n"
                + "## Task Completion Log\r\n| Date | Agent | Task | Status | Note |\r\n"
                + "|------|-------|------|--------|------|\r\n");
  }

  @Test
  void createsATableUnderAnExistingHeadingWithoutTouchingTheRest() {
    String text = "## Task Assignment Queue\nWe will list tasks here.\n\n## Task Completion Log\n";
    BoardEditor editor = new BoardEditor(codec.parse(text), clock);
    editor.addTask(NewTask.pending("x", Priority.LOW));
    String out = editor.result();
    assertThat(out)
        .isEqualTo(
            "## Task Assignment Queue\n"
                + "| ID | Task | Assigned To | Priority | Status | Created |\n"
                + "|----|------|-------------|----------|--------|---------|\n"
                + "| T-001 | x |  | LOW | PENDING | 2026-11-26 |\n\n"
                + "We will list tasks here.\n\n## Task Completion Log\n");
    assertThat(codec.parse(out).tasks()).hasSize(1);
  }

  @Test
  void progressLineIsUpdatedInPlaceOrCreatedUnderTheQueueHeading() {
    String messy = Corpus.read("messy.md");
    BoardEditor editor = new BoardEditor(codec.parse(messy), clock);
    editor.setProgress(75);
    assertThat(editor.result()).isEqualTo(messy.replace("Progress: 40 %", "Progress: 75 %"));

    String seed = Corpus.read("seed-like.md");
    editor = new BoardEditor(codec.parse(seed), clock);
    editor.setProgress(100);
    String out = editor.result();
    assertThat(out)
        .isEqualTo(
            seed.replace(
                "## Task Assignment Queue\n", "## Task Assignment Queue\nProgress: 100 %\n\n"));
    Board reread = codec.parse(out);
    assertThat(reread.progress()).hasValue(100);
    assertThat(reread.tasks()).isEqualTo(codec.parse(seed).tasks());
  }

  @Test
  void assigneeIntoAnEmptyCellAndSeveralEditsOnOneRow() {
    String messy = Corpus.read("messy.md");
    Board board = codec.parse(messy);
    TaskId t13 = new TaskId("T-013");
    BoardEditor editor = new BoardEditor(board, clock);
    editor.setAssignedTo(t13, "AMP-2 (w5)");
    editor.setStatus(t13, TaskStatus.IN_PROGRESS);
    String out = editor.result();
    String line = Corpus.linesWithEndings(messy).get(board.lineOf(t13) - 1);
    String expected =
        line.replace("|             |", "| AMP-2 (w5) |")
            .replace("blocked: no credits", "IN_PROGRESS");
    assertThat(Corpus.linesWithEndings(out).get(board.lineOf(t13) - 1)).isEqualTo(expected);
  }

  @Test
  void shortRowIsRewrittenWholeWhenTheCellIsMissing() {
    String text =
        """
                ## Task Assignment Queue
                | ID | Task | Assigned To | Priority | Status | Created |
                |----|------|-------------|----------|--------|---------|
                | T-001 | short | A | LOW | PENDING |
                | T-002 | shorter | A |
                """;
    Board board = codec.parse(text);
    BoardEditor editor = new BoardEditor(board, clock);
    editor.setStatus(new TaskId("T-002"), TaskStatus.COMPLETED);
    editor.setStatus(new TaskId("T-001"), TaskStatus.COMPLETED);
    assertThat(editor.result())
        .isEqualTo(
            """
                ## Task Assignment Queue
                | ID | Task | Assigned To | Priority | Status | Created |
                |----|------|-------------|----------|--------|---------|
                | T-001 | short | A | LOW | COMPLETED |
                | T-002 | shorter | A |  | COMPLETED |  |
                """);
  }

  @Test
  void refusesUnknownTasksAndDuplicateIds() {
    BoardEditor editor = new BoardEditor(codec.parse(Corpus.read("seed-like.md")), clock);
    assertThatThrownBy(() -> editor.setStatus(new TaskId("T-404"), TaskStatus.COMPLETED))
        .isInstanceOf(BoardException.class)
        .hasMessageContaining("T-404 is not in the Task Assignment Queue");
    assertThatThrownBy(
            () ->
                editor.insertTask(
                    TaskRow.of(new TaskId("T-001"), "x", "", null, TaskStatus.PENDING, "")))
        .isInstanceOf(BoardException.class)
        .hasMessageContaining("already");
    assertThatThrownBy(() -> editor.setProgress(101)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void idsContinueAfterTheLogsHighestAndAreNeverReused() {
    String text =
        Corpus.read("log-before-queue.md")
            .replace(
                "| T-005 | COMPLETED | listed files |", "| T-041 | COMPLETED | removed since |");
    BoardEditor editor = new BoardEditor(codec.parse(text), clock);
    assertThat(editor.addTask(NewTask.pending("a", Priority.LOW))).isEqualTo(new TaskId("T-042"));
    assertThat(editor.addTask(NewTask.pending("b", Priority.LOW))).isEqualTo(new TaskId("T-043"));
    editor.setStatus(new TaskId("T-043"), TaskStatus.IN_PROGRESS);
    Board reread = codec.parse(editor.result());
    assertThat(reread.status(new TaskId("T-043"))).contains(TaskStatus.IN_PROGRESS);
    assertThat(reread.nextId()).isEqualTo(new TaskId("T-044"));
  }
}
