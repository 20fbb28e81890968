package dev.baton.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.board.Board;
import dev.baton.board.BoardStore;
import dev.baton.run.Happened;
import dev.baton.run.JournalEntry;
import dev.baton.run.Phase;
import dev.baton.run.RunEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report says what the board and the journal say now, not what a cycle once said. */
class ReportWriterTest {

  private static final Instant T0 = Instant.parse("2026-12-03T07:00:00Z");

  private static Board board(Path dir, String rows) throws Exception {
    Path file = dir.resolve("CLAUDE.md");
    Files.writeString(
        file,
        "## Task Assignment Queue\n| ID | Task | Assigned To | Priority | Status | Created |\n"
            + "|----|------|-------------|----------|--------|---------|\n"
            + rows
            + "\n## Task Completion Log\n| Date | Agent | Task | Status | Note |\n|------|-------|------|--------|------|\n");
    return new BoardStore(file, Clock.systemUTC()).read();
  }

  private static JournalEntry run(
      List<String> tasks,
      List<JournalEntry.TestTask> tests,
      List<JournalEntry.TestOutcome> outcomes) {
    return new JournalEntry(
        "run-1",
        "- a request",
        T0,
        Map.of(),
        Phase.REPORT,
        false,
        0,
        tasks,
        tests,
        List.of(),
        outcomes,
        null,
        null,
        null,
        null,
        List.of());
  }

  @Test
  void aTestTaskStillBlockedOnTheBoardIsNotReportedAsPassed(@TempDir Path dir) throws Exception {
    Board board =
        board(
            dir,
            "| T-001 | One | AMP (w2) | MED | COMPLETED | |\n| T-002 | Two | AMP (w2) | MED | COMPLETED | |\n"
                + "| T-003 | Test One | AMP (w2) | MED | BLOCKED | |\n| T-004 | Test Two | AMP (w2) | MED | COMPLETED | |\n");
    JournalEntry run =
        run(
            List.of("T-001", "T-002"),
            List.of(
                new JournalEntry.TestTask("T-003", "T-001", "AMP"),
                new JournalEntry.TestTask("T-004", "T-002", "AMP")),
            List.of(
                new JournalEntry.TestOutcome(T0, "T-001", "T-003", 1, "failed", "boom"),
                new JournalEntry.TestOutcome(T0, "T-001", "T-003", 1, "passed", "ok"),
                new JournalEntry.TestOutcome(T0, "T-002", "T-004", 1, "passed", "ok")));

    String md = new ReportWriter().write(run, board, List.of(), T0.plusSeconds(60));

    assertThat(md).contains("- Tests: 1 feature(s) passed, 1 still failing");
    assertThat(md)
        .contains(
            "| T-001 | T-003 | 1: failed, 1: passed | FAILING (test task BLOCKED on the board) |");
    assertThat(md).contains("| T-002 | T-004 | 1: passed | PASSED |");
  }

  /**
   * A task whose text holds pipes and backslashes keeps its cells in the report's table, as on the
   * board.
   */
  @Test
  void pipesAndBackslashesInATaskStayInsideItsCell(@TempDir Path dir) throws Exception {
    Board board =
        board(
            dir,
            "| T-001 | Keep \\\\\\| escaped and \\| bare \\ | AMP (w2) | MED | COMPLETED | |\n");
    assertThat(board.task(dev.baton.board.TaskId.parse("T-001").orElseThrow()).orElseThrow().task())
        .isEqualTo("Keep \\| escaped and | bare \\");
    JournalEntry run = run(List.of("T-001"), List.of(), List.of());

    String md = new ReportWriter().write(run, board, List.of(), T0.plusSeconds(60));

    String row = md.lines().filter(l -> l.startsWith("| T-001 |")).findFirst().orElseThrow();
    // read back as a table with the report's own columns
    Path back = dir.resolve("back.md");
    Files.writeString(
        back,
        "## Task Assignment Queue\n| ID | Task | Done by | Status | Took | Prompts |\n"
            + "|----|------|---------|--------|------|---------|\n"
            + row
            + "\n\n## Task Completion Log\n"
            + "| Date | Agent | Task | Status | Note |\n|------|-------|------|--------|------|\n");
    Board read = new BoardStore(back, Clock.systemUTC()).read();
    assertThat(read.problems()).isEmpty();
    assertThat(read.task(dev.baton.board.TaskId.parse("T-001").orElseThrow()).orElseThrow().task())
        .isEqualTo("Keep \\| escaped and | bare \\");
    assertThat(row).contains("| AMP (w2) | COMPLETED |");
  }

  @Test
  void taskCountsComeFromTheBoardAsItIs(@TempDir Path dir) throws Exception {
    Board board =
        board(
            dir,
            "| T-001 | One | AMP (w2) | MED | COMPLETED | |\n| T-002 | Two | AMP (w2) | MED | BLOCKED | |\n"
                + "| T-003 | Three | | MED | BLOCKED | |\n");
    JournalEntry run = run(List.of("T-001", "T-002", "T-003", "T-004"), List.of(), List.of());

    String md = new ReportWriter().write(run, board, List.of(), T0.plusSeconds(60));

    assertThat(md).contains("- Tasks: 1 of 4 completed, 2 BLOCKED, 1 no longer on the board\n");
  }

  @Test
  void aProblemLineNeverEndsOnAColonWithNothingAfterIt() {
    assertThat(ReportWriter.firstLine("silent agent interrupted; its screen was:\n"))
        .isEqualTo("silent agent interrupted; its screen was: (empty)");
    assertThat(ReportWriter.firstLine("silent agent interrupted; its screen was:\n\n  \n"))
        .isEqualTo("silent agent interrupted; its screen was: (empty)");
    assertThat(
            ReportWriter.firstLine(
                "interrupted; its screen was:\n› do `T-001`\n  esc to interrupt\n\n"))
        .isEqualTo("interrupted; its screen was: `esc to interrupt`");
    assertThat(ReportWriter.firstLine("BLOCKED (credits): quota\nmore"))
        .isEqualTo("BLOCKED (credits): quota");
  }

  /**
   * Problems and task times come from the events' types and fields: a problem is listed with its
   * sentence, a task's time runs to its typed completion, and a capped history says how many older
   * events it no longer holds.
   */
  @Test
  void problemsAndTimesAreReadFromTypedEventsAndDroppedEventsAreCounted(@TempDir Path dir)
      throws Exception {
    Board board = board(dir, "| T-001 | One | AMP (w2) | MED | COMPLETED | |\n");
    JournalEntry run =
        new JournalEntry(
            "run-1",
            "- a request",
            T0,
            Map.of(),
            Phase.REPORT,
            false,
            0,
            List.of("T-001"),
            List.of(),
            List.of(new JournalEntry.Prompt(T0, "T-001", "AMP", "task", 1, 0)),
            List.of(),
            null,
            null,
            null,
            null,
            List.of());
    RunEvents events = new RunEvents(Clock.fixed(T0.plusSeconds(75), java.time.ZoneOffset.UTC), 2);
    events.emit("run-1", new Happened.WaitingForAgent("T-001"));
    events.emit("run-1", new Happened.Reassigned("T-001", "Codex", null));
    events.emit("run-1", new Happened.TaskCompleted("T-001", "AMP"));

    String md =
        new ReportWriter().write(run, board, events.history("run-1"), T0.plusSeconds(90), null);

    assertThat(md).contains("- Problems met: 1\n");
    assertThat(md).contains("(Codex) reassigned: taken from Codex (silent), back to PENDING");
    assertThat(md).contains("| T-001 | One | AMP (w2) | COMPLETED | 1 min 15 s | 1 |");
    assertThat(md).contains("The 1 oldest events of this run were dropped");
  }
}
