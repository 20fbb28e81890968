package dev.baton.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoardStoreTest {

  @TempDir Path dir;
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
  private final BoardCodec codec = new BoardCodec();

  private Path board(String corpusName) throws IOException {
    Path file = dir.resolve("CLAUDE.md");
    Files.writeString(file, Corpus.read(corpusName));
    return file;
  }

  @Test
  void missingFileReadsAsEmptyAndIsCreatedInTheSeedFormat() throws IOException {
    Path file = dir.resolve("CLAUDE.md");
    BoardStore store = new BoardStore(file, clock);
    assertThat(store.read().tasks()).isEmpty();
    assertThat(store.read().problems())
        .extracting(Problem::kind)
        .containsExactly(Problem.Kind.MISSING_SECTION, Problem.Kind.MISSING_SECTION);
    List<TaskId> ids =
        store.addTasks(
            List.of(NewTask.pending("one", Priority.HIGH), NewTask.pending("two", Priority.LOW)));
    assertThat(ids).containsExactly(new TaskId("T-001"), new TaskId("T-002"));
    assertThat(Files.readString(file))
        .isEqualTo(
            """
                ## Task Assignment Queue
                | ID | Task | Assigned To | Priority | Status | Created |
                |----|------|-------------|----------|--------|---------|
                | T-001 | one |  | HIGH | PENDING | 2026-11-26 |
                | T-002 | two |  | LOW | PENDING | 2026-11-26 |
                """);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r--r--");
  }

  @Test
  void everyOperationTouchesOnlyItsLinesKeepsPermissionsAndLeavesNoTempFile() throws IOException {
    Path file = board("crlf.md");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
    String original = Files.readString(file);
    BoardStore store = new BoardStore(file, clock);
    TaskId id = store.addTask("Write the report", Priority.MED);
    assertThat(id).isEqualTo(new TaskId("T-005"));
    store.assign(id, "AMP (w4)", TaskStatus.IN_PROGRESS);
    store.appendLog("AMP", id, TaskStatus.COMPLETED, "report written");
    store.setProgress(50);
    String now = Files.readString(file);
    assertThat(now)
        .isEqualTo(
            original
                .replace(
                    "## Task Assignment Queue\r\n",
                    "## Task Assignment Queue\r\nProgress: 50 %\r\n\r\n")
                .replace(
                    "| 2026-01-27 |\r\n\r\n## Task Completion Log",
                    "| 2026-01-27 |\r\n| T-005 | Write the report | AMP (w4) | MED | IN_PROGRESS | 2026-11-26 |\r\n"
                        + "\r\n## Task Completion Log")
                .replace(
                    "| out of credits |\r\n",
                    "| out of credits |\r\n"
                        + "| 2026-11-26 | AMP | T-005 | COMPLETED | report written |\r\n"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-rw----");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
    Board read = store.read();
    assertThat(read.progress()).hasValue(50);
    assertThat(read.status(id)).contains(TaskStatus.IN_PROGRESS);
  }

  @Test
  void writesThroughASymbolicLinkAndKeepsTheLink() throws IOException {
    Path real = dir.resolve("shared").resolve("CLAUDE.md");
    Files.createDirectories(real.getParent());
    Files.writeString(real, Corpus.read("one-row.md"));
    Path link = Files.createSymbolicLink(dir.resolve("CLAUDE.md"), real);
    new BoardStore(link, clock).setStatus(new TaskId("T-001"), TaskStatus.IN_PROGRESS);
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(new BoardCodec().parse(Files.readString(real)).status(new TaskId("T-001")))
        .contains(TaskStatus.IN_PROGRESS);
  }

  @Test
  void aChangeThatChangesNothingWritesNothing() throws IOException {
    Path file = board("messy.md");
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(1000));
    BoardStore store = new BoardStore(file, clock);
    store.setStatus(new TaskId("T-011"), TaskStatus.IN_PROGRESS);
    store.setProgress(40);
    assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(1000);
  }

  @Test
  void reappliesTheChangeWhenAnAgentWroteBetweenReadAndWrite() throws IOException {
    Path file = board("seed-like.md");
    BoardStore store = new BoardStore(file, clock);
    AtomicInteger runs = new AtomicInteger();
    TaskId added =
        store.update(
            editor -> {
              if (runs.incrementAndGet() == 1) {
                agentWrites(file, t -> t.replace("| HIGH | PENDING |", "| HIGH | COMPLETED |"));
              }
              return editor.addTask(NewTask.pending("from Baton", Priority.LOW));
            });
    assertThat(runs.get()).isEqualTo(2);
    Board board = store.read();
    assertThat(board.status(new TaskId("T-004"))).contains(TaskStatus.COMPLETED);
    assertThat(board.task(added)).isPresent();
  }

  @Test
  void givesUpWithAClearMessageWhenTheFileNeverSettles() throws IOException {
    Path file = board("seed-like.md");
    BoardStore store =
        new BoardStore(
            file,
            clock,
            new BoardStoreOptions(
                3,
                java.time.Duration.ofMillis(1),
                java.time.Duration.ofMillis(1),
                java.time.Duration.ofHours(1),
                100,
                true));
    AtomicInteger n = new AtomicInteger();
    assertThatThrownBy(
            () ->
                store.update(
                    editor -> {
                      agentWrites(file, t -> t + "\nnote " + n.incrementAndGet() + "\n");
                      editor.setProgress(10);
                      return null;
                    }))
        .isInstanceOf(BoardException.class)
        .hasMessageContaining("after 3 attempts");
  }

  @Test
  void refusesToRewriteAFileThatIsNotUtf8ButStillReadsIt() throws IOException {
    Path file = dir.resolve("CLAUDE.md");
    byte[] bytes =
        (Corpus.read("seed-like.md") + "caf\u00e9").getBytes(StandardCharsets.ISO_8859_1);
    Files.write(file, bytes);
    BoardStore store = new BoardStore(file, clock);
    Board board = store.read();
    assertThat(board.problems().get(0).kind()).isEqualTo(Problem.Kind.INVALID_ENCODING);
    assertThat(board.tasks()).hasSize(4);
    assertThatThrownBy(() -> store.setProgress(5))
        .isInstanceOf(BoardException.class)
        .hasMessageContaining("not valid UTF-8");
    assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
  }

  @Test
  void unknownTaskIsAClearError() throws IOException {
    BoardStore store = new BoardStore(board("seed-like.md"), clock);
    assertThatThrownBy(() -> store.setStatus(new TaskId("T-777"), TaskStatus.COMPLETED))
        .isInstanceOf(BoardException.class)
        .hasMessageContaining("T-777 is not in the Task Assignment Queue");
  }

  @Test
  void reconcileRestoresStatusesAndRowsTheLogReports() throws IOException {
    Path file = board("seed-like.md");
    BoardStore store = new BoardStore(file, clock);
    // AMP finished T-001 and logged it, but another agent's stale write put the row back
    agentWrites(
        file,
        t ->
            t.replace(
                "| out of credits |\n",
                "| out of credits |\n"
                    + "| 2026-01-28 | AMP | T-001 | ✅ Done | ok |\n"
                    + "| 2026-01-28 | Ghost | T-009 | COMPLETED | row lost |\n"));
    List<Repair> repairs = store.reconcile();
    assertThat(repairs)
        .extracting(Repair::taskId, Repair::kind, Repair::from, Repair::to)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                new TaskId("T-001"),
                Repair.Kind.STATUS_RESTORED_FROM_LOG,
                TaskStatus.IN_PROGRESS,
                TaskStatus.COMPLETED),
            org.assertj.core.groups.Tuple.tuple(
                new TaskId("T-009"),
                Repair.Kind.ROW_RESTORED_FROM_LOG,
                null,
                TaskStatus.COMPLETED));
    Board board = store.read();
    assertThat(board.status(new TaskId("T-001"))).contains(TaskStatus.COMPLETED);
    assertThat(board.task(new TaskId("T-009")).orElseThrow().assignedTo()).isEqualTo("Ghost");
    assertThat(store.reconcile()).isEmpty();
  }

  @Test
  void reconcileLeavesAReassignedBlockedTaskAlone() throws IOException {
    Path file = board("seed-like.md");
    BoardStore store = new BoardStore(file, clock);
    TaskId t2 = new TaskId("T-002");
    store.assign(t2, "Codex (w6)", TaskStatus.IN_PROGRESS);
    assertThat(store.reconcile()).isEmpty();
    // even handed back to the same agent, the old BLOCKED line no longer speaks for the row
    store.assign(t2, "AMP-2 (w5)", TaskStatus.IN_PROGRESS);
    assertThat(store.reconcile()).isEmpty();
    assertThat(store.read().status(t2)).contains(TaskStatus.IN_PROGRESS);
  }

  @Test
  void reconcileRewritesBatonChangesThatAStaleAgentWriteErased() throws IOException {
    Path file = board("seed-like.md");
    BoardStore store = new BoardStore(file, clock);
    String staleCopy = Files.readString(file);
    TaskId added = store.addTask("Baton's task", Priority.HIGH);
    store.assign(new TaskId("T-004"), "Antigravity (w2)", TaskStatus.IN_PROGRESS);
    store.setProgress(30);
    // an agent that read before those writes saves its edit over them
    Files.writeString(file, staleCopy.replace("file written", "file written twice"));
    List<Repair> repairs = store.reconcile();
    assertThat(repairs).extracting(Repair::kind).containsOnly(Repair.Kind.BATON_WRITE_RESTORED);
    Board board = store.read();
    assertThat(board.task(added)).isPresent();
    assertThat(board.status(new TaskId("T-004"))).contains(TaskStatus.IN_PROGRESS);
    assertThat(board.progress()).hasValue(30);
    assertThat(board.log().get(0).note()).isEqualTo("file written twice");
    assertThat(store.reconcile()).isEmpty();
    // a later change by the agent is not undone
    agentWrites(
        file,
        t -> t.replace("| HIGH | IN_PROGRESS | 2026-01-27 |", "| HIGH | COMPLETED | 2026-01-27 |"));
    assertThat(store.reconcile()).isEmpty();
    assertThat(store.read().status(new TaskId("T-004"))).contains(TaskStatus.COMPLETED);
  }

  @Test
  void reconcileRestoresACompletionAnEarlierReadSawWhenTheLogLineWasLostToo() throws IOException {
    Path file = board("seed-like.md");
    BoardStore store = new BoardStore(file, clock);
    String stale = Files.readString(file);
    agentWrites(
        file, t -> t.replace("| AMP (w4) | LOW | IN_PROGRESS |", "| AMP (w4) | LOW | COMPLETED |"));
    assertThat(store.read().status(new TaskId("T-001"))).contains(TaskStatus.COMPLETED);
    Files.writeString(file, stale.replace("Answer in French.", "Answer in French, always."));
    List<Repair> repairs = store.reconcile();
    assertThat(repairs)
        .extracting(Repair::taskId, Repair::kind, Repair::from, Repair::to)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                new TaskId("T-001"),
                Repair.Kind.STATUS_RESTORED_FROM_HISTORY,
                TaskStatus.IN_PROGRESS,
                TaskStatus.COMPLETED));
    assertThat(Files.readString(file)).contains("Answer in French, always.");

    BoardStore strict =
        new BoardStore(
            file,
            clock,
            new BoardStoreOptions(
                5,
                java.time.Duration.ofMillis(1),
                java.time.Duration.ofMillis(1),
                java.time.Duration.ofHours(1),
                100,
                false));
    strict.read();
    Files.writeString(file, stale);
    assertThat(strict.reconcile()).isEmpty();
  }

  @Test
  void reconcileAppendsAgainALogLineAnotherAgentsStaleCopyErased() throws IOException {
    Path file = board("seed-like.md");
    BoardStore store = new BoardStore(file, clock);
    String stale = Files.readString(file);
    agentWrites(
        file,
        t ->
            t.replace("| AMP (w4) | LOW | IN_PROGRESS |", "| AMP (w4) | LOW | COMPLETED |")
                .replace(
                    "| 2026-01-27 | AMP-2 | T-002 | BLOCKED | out of credits |\n",
                    "| 2026-01-27 | AMP-2 | T-002 | BLOCKED | out of credits |\n"
                        + "| 2026-01-28 | AMP | T-001 | COMPLETED | hello written |\n"));
    store.read();
    // another agent saves its copy from before that edit, with its own line
    Files.writeString(
        file,
        stale.replace(
            "| 2026-01-27 | AMP-2 | T-002 | BLOCKED | out of credits |\n",
            "| 2026-01-27 | AMP-2 | T-002 | BLOCKED | out of credits |\n"
                + "| 2026-01-28 | Codex | T-003 | COMPLETED | checked again |\n"));

    List<Repair> repairs = store.reconcile();

    assertThat(repairs)
        .extracting(Repair::taskId, Repair::kind)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                new TaskId("T-001"), Repair.Kind.LOG_LINE_RESTORED_FROM_HISTORY));
    Board board = store.read();
    assertThat(board.log())
        .extracting(LogEntry::agent, LogEntry::note)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Codex", "file written"),
            org.assertj.core.groups.Tuple.tuple("AMP-2", "out of credits"),
            org.assertj.core.groups.Tuple.tuple("Codex", "checked again"),
            org.assertj.core.groups.Tuple.tuple("AMP", "hello written"));
    assertThat(board.status(new TaskId("T-001"))).contains(TaskStatus.COMPLETED);
    assertThat(store.reconcile()).isEmpty();
  }

  @Test
  void aLogLineTheAgentRewordedOrWhoseTaskWasClearedIsNotAppendedAgain() throws IOException {
    Path file = board("seed-like.md");
    BoardStore store = new BoardStore(file, clock);
    store.read();
    agentWrites(
        file,
        t ->
            t.replace(
                "| Codex | T-003 | COMPLETED | file written |",
                "| Codex | T-003 | COMPLETED | file written and checked |"));
    assertThat(store.reconcile()).isEmpty();
    agentWrites(
        file,
        t ->
            t.replace(
                    "| T-002 | Créer /tmp/test-amp2.txt avec \"Hello from AMP-2\" | AMP-2 (w5) | LOW | BLOCKED | 2026-01-27 |\n",
                    "")
                .replace("| 2026-01-27 | AMP-2 | T-002 | BLOCKED | out of credits |\n", ""));
    assertThat(store.reconcile())
        .extracting(Repair::kind)
        .doesNotContain(Repair.Kind.LOG_LINE_RESTORED_FROM_HISTORY);
    assertThat(store.read().log())
        .extracting(LogEntry::note)
        .containsExactly("file written and checked");
  }

  @Test
  void anUnchangedBoardIsParsedOnceAndAnyChangedByteIsSeen() throws IOException {
    Path file = board("seed-like.md");
    BoardStore store = new BoardStore(file, clock);
    Board first = store.read();
    assertThat(store.read()).isSameAs(first);
    agentWrites(
        file, t -> t.replace("| AMP (w4) | LOW | IN_PROGRESS |", "| AMP (w4) | LOW | COMPLETED |"));
    Board changed = store.read();
    assertThat(changed).isNotSameAs(first);
    assertThat(changed.status(new TaskId("T-001"))).contains(TaskStatus.COMPLETED);
    // same length, one byte different
    agentWrites(file, t -> t.replace("Answer in French.", "Answer in French!"));
    assertThat(Files.readString(file)).contains("Answer in French!");
    assertThat(store.read().text()).contains("Answer in French!");
  }

  static void agentWrites(Path file, java.util.function.UnaryOperator<String> edit) {
    try {
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      Files.write(file, edit.apply(text).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
