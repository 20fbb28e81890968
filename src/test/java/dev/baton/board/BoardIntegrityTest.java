package dev.baton.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's promise under agents that write the board in place and in parts: a half-written board
 * is waited for and never written over, a deleted one is rebuilt on its prose, and a repair never
 * undoes what Baton itself changed.
 */
class BoardIntegrityTest {

  private static final TaskId T1 = new TaskId("T-001");
  private static final TaskId T4 = new TaskId("T-004");

  @TempDir Path dir;
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

  /**
   * What the agent saves: T-001 COMPLETED and a completion-log line, the rest of the board as it
   * was.
   */
  private static String agentsVersion() {
    return Corpus.read("seed-like.md")
        .replace("| AMP (w4) | LOW | IN_PROGRESS |", "| AMP (w4) | LOW | COMPLETED |")
        .replace(
            "| out of credits |\n",
            "| out of credits |\n| 2026-01-28 | AMP | T-001 | COMPLETED | hello |\n");
  }

  private static BoardStoreOptions settle(Duration timeout) {
    return new BoardStoreOptions(
        50, Duration.ofMillis(5), timeout, Duration.ofHours(1), 1000, true);
  }

  @Test
  void batonWaitsForAnAgentWritingInPartsAndPutsItsChangeOnTop() throws Exception {
    Path file = dir.resolve("CLAUDE.md");
    Files.writeString(file, Corpus.read("seed-like.md"));
    BoardStore store = new BoardStore(file, clock);
    store.read();
    byte[] full = agentsVersion().getBytes(StandardCharsets.UTF_8);
    CountDownLatch firstPartWritten = new CountDownLatch(1);
    // truncate, write the first 370 bytes, pause, write the rest, through one file descriptor
    CompletableFuture<Void> agent =
        CompletableFuture.runAsync(
            () -> {
              try (FileChannel ch =
                  FileChannel.open(
                      file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap(full, 0, 370));
                firstPartWritten.countDown();
                Thread.sleep(300);
                ch.write(ByteBuffer.wrap(full, 370, full.length - 370));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(firstPartWritten.await(5, TimeUnit.SECONDS)).isTrue();
    store.assign(T4, "Codex (w6)", TaskStatus.IN_PROGRESS);
    store.appendLog("Baton", T4, TaskStatus.IN_PROGRESS, "assigned");
    agent.get(5, TimeUnit.SECONDS);

    String now = Files.readString(file);
    assertThat(now)
        .isEqualTo(
            agentsVersion()
                .replace(
                    "| Antigravity (w2) | HIGH | PENDING |", "| Codex (w6) | HIGH | IN_PROGRESS |")
                .replace(
                    "| hello |\n",
                    "| hello |\n| 2026-11-26 | Baton | T-004 | IN_PROGRESS | assigned |\n"));
    assertThat(now.split("## Task Completion Log", -1)).hasSize(2);
  }

  @Test
  void anotherProcessWritingInPartsIsWaitedForToo() throws Exception {
    Path file = dir.resolve("CLAUDE.md");
    Files.writeString(file, Corpus.read("seed-like.md"));
    Path source = dir.resolve("agent-copy.md");
    Files.writeString(source, agentsVersion());
    BoardStore store = new BoardStore(file, clock);
    store.read();
    Process agent =
        new ProcessBuilder(
                "sh",
                "-c",
                "exec 3>\"$1\"; head -c 370 \"$2\" >&3; touch \"$1.started\"; sleep 0.4; tail -c +371 \"$2\" >&3",
                "agent",
                file.toString(),
                source.toString())
            .inheritIO()
            .start();
    Path started = dir.resolve("CLAUDE.md.started");
    for (int i = 0; i < 500 && !Files.exists(started); i++) {
      Thread.sleep(5);
    }
    assertThat(started).exists();
    store.assign(T4, "Codex (w6)", TaskStatus.IN_PROGRESS);
    assertThat(agent.waitFor(5, TimeUnit.SECONDS)).isTrue();

    Board board = store.read();
    assertThat(board.status(T1)).contains(TaskStatus.COMPLETED);
    assertThat(board.status(T4)).contains(TaskStatus.IN_PROGRESS);
    assertThat(board.log())
        .extracting(LogEntry::note)
        .containsExactly("file written", "out of credits", "hello");
    assertThat(board.text()).endsWith("## Conventions\n- Answer in French.\n");
  }

  @Test
  void aBoardCutMidRowIsReportedAsTruncatedAndNeverWrittenOver() throws Exception {
    Path file = dir.resolve("CLAUDE.md");
    Files.writeString(file, Corpus.read("seed-like.md"));
    BoardStore store = new BoardStore(file, clock, settle(Duration.ofMillis(100)));
    store.read();
    byte[] cut = Arrays.copyOf(Files.readAllBytes(file), 370);
    Files.write(file, cut);

    Board board = store.read();
    assertThat(board.truncated()).isTrue();
    assertThat(board.problems())
        .extracting(Problem::kind)
        .contains(Problem.Kind.TRUNCATED)
        .doesNotContain(Problem.Kind.UNKNOWN_STATUS);
    long cutLine =
        new String(cut, StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count() + 1;
    assertThat(
            board.problems().stream()
                .filter(p -> p.kind() == Problem.Kind.TRUNCATED)
                .findFirst()
                .orElseThrow()
                .toString())
        .contains("CLAUDE.md:" + cutLine)
        .contains("truncated (being written?)");
    assertThatThrownBy(() -> store.appendLog("Baton", T1, TaskStatus.IN_PROGRESS, "x"))
        .isInstanceOf(BoardException.class)
        .hasMessageContaining("truncated (being written?)");
    assertThatThrownBy(() -> store.setStatus(T1, TaskStatus.IN_PROGRESS))
        .isInstanceOf(BoardException.class);
    assertThat(store.reconcile()).isEmpty();
    assertThat(Files.readAllBytes(file)).isEqualTo(cut);
  }

  /**
   * An agent that read the board while another was still writing it, and wrote it back whole with
   * its own change appended, leaves a row that stops mid-cell in the middle of the file. The log
   * says T-001 is COMPLETED; the row is put back as Baton last read it whole, with that status, and
   * nothing else moves.
   */
  @Test
  void aRowCutShortByAnAgentsWriteIsPutBackWholeFromTheLastCompleteRead() throws Exception {
    Path file = dir.resolve("CLAUDE.md");
    String original = Corpus.read("seed-like.md");
    Files.writeString(file, original);
    BoardStore store = new BoardStore(file, clock, settle(Duration.ofMillis(100)));
    store.read();
    String whole =
        "| T-001 | Créer /tmp/test-amp.txt avec \"Hello from AMP\" | AMP (w4) | LOW | IN_PROGRESS | 2026-01-27 |";
    String written =
        original
            .replace(whole, "| T-001 | Créer /tmp/test-amp.txt avec \"Hel")
            .replace(
                "| T-004 | Créer /tmp/test-antigravity.txt | Antigravity (w2) | HIGH | PENDING | 2026-01-27 |",
                "| T-004 | Créer /tmp/test-antigravity.txt | Antigr")
            .replace(
                "| out of credits |\n",
                "| out of credits |\n| 2026-01-28 | AMP | T-001 | COMPLETED | hello |\n");
    Files.writeString(file, written);

    List<Repair> repairs = store.reconcile();

    assertThat(repairs)
        .extracting(Repair::describe)
        .anyMatch(d -> d.contains("row of T-001 was cut short by an agent's write"));
    String after = Files.readString(file);
    assertThat(after)
        .isEqualTo(
            written
                .replace(
                    "| T-001 | Créer /tmp/test-amp.txt avec \"Hel",
                    whole.replace("IN_PROGRESS", "COMPLETED"))
                .replace(
                    "| T-004 | Créer /tmp/test-antigravity.txt | Antigr",
                    "| T-004 | Créer /tmp/test-antigravity.txt | Antigravity (w2) | HIGH | PENDING | 2026-01-27 |"));
    assertThat(store.read().status(T1)).contains(TaskStatus.COMPLETED);
  }

  @Test
  void aRowRewrittenDifferentlyIsNotReplacedByAnOldCopy() throws Exception {
    Path file = dir.resolve("CLAUDE.md");
    String original = Corpus.read("seed-like.md");
    Files.writeString(file, original);
    BoardStore store = new BoardStore(file, clock, settle(Duration.ofMillis(100)));
    store.read();
    String written =
        original
            .replace(
                "| T-001 | Créer /tmp/test-amp.txt avec \"Hello from AMP\" | AMP (w4) | LOW | IN_PROGRESS | 2026-01-27 |",
                "| T-001 | Something else entirely")
            .replace(
                "| out of credits |\n",
                "| out of credits |\n| 2026-01-28 | AMP | T-001 | COMPLETED | hello |\n");
    Files.writeString(file, written);

    store.reconcile();

    assertThat(Files.readString(file))
        .contains("| T-001 | Something else entirely")
        .doesNotContain("Hello from AMP\" |");
  }

  @Test
  void aBoardCutInItsPreambleIsNotWrittenOverEither() throws Exception {
    Path file = dir.resolve("CLAUDE.md");
    Files.writeString(file, Corpus.read("seed-like.md"));
    BoardStore store = new BoardStore(file, clock, settle(Duration.ofMillis(100)));
    store.read();
    byte[] cut = Arrays.copyOf(Files.readAllBytes(file), 40);
    Files.write(file, cut);

    assertThat(store.read().problems())
        .extracting(Problem::toString)
        .contains(
            file
                + ":3: the file ends in the middle of a line and its \"Task Assignment Queue\" is gone:"
                + " it looks truncated (being written?); expected: the whole file, ending with a line break");
    assertThatThrownBy(() -> store.addTask("x", Priority.LOW))
        .isInstanceOf(BoardException.class)
        .hasMessageContaining("truncated (being written?)");
    assertThat(Files.readAllBytes(file)).isEqualTo(cut);
  }

  @Test
  void aDeletedOrEmptiedBoardIsRebuiltOnTheProseOfTheLastCompleteCopy() throws Exception {
    Path file = dir.resolve("CLAUDE.md");
    Files.writeString(file, Corpus.read("seed-like.md"));
    BoardStore store = new BoardStore(file, clock, settle(Duration.ofMillis(50)));
    TaskId added = store.addTask("Baton's own task", Priority.HIGH);
    Files.delete(file);

    List<Repair> repairs = store.reconcile();

    assertThat(repairs)
        .extracting(Repair::taskId)
        .contains(added, new TaskId("T-002"), new TaskId("T-003"));
    String rebuilt = Files.readString(file);
    assertThat(rebuilt)
        .startsWith(
            "# Project memory\n\nNotes for every agent working here. Keep this file tidy.\n\n"
                + "## Task Assignment Queue\n| ID | Task | Assigned To | Priority | Status | Created |\n");
    assertThat(rebuilt).contains("## Conventions\n- Answer in French.\n");
    Board board = store.read();
    assertThat(board.task(added)).isPresent();
    assertThat(board.status(new TaskId("T-003"))).contains(TaskStatus.COMPLETED);

    Files.writeString(file, "");
    store.setStatus(added, TaskStatus.IN_PROGRESS);
    assertThat(Files.readString(file))
        .startsWith("# Project memory\n")
        .contains("## Conventions\n");
    assertThat(store.read().status(added)).contains(TaskStatus.IN_PROGRESS);
  }

  @Test
  void aLateLogLineOfABlockBatonAlreadyActedOnDoesNotUndoItsReset() throws Exception {
    Path file = dir.resolve("CLAUDE.md");
    Files.writeString(file, Corpus.read("seed-like.md"));
    BoardStore store = new BoardStore(file, clock);
    // AMP flips its row to BLOCKED; Baton reads it and puts the task back
    BoardStoreTest.agentWrites(
        file, t -> t.replace("| AMP (w4) | LOW | IN_PROGRESS |", "| AMP (w4) | LOW | BLOCKED |"));
    assertThat(store.read().status(T1)).contains(TaskStatus.BLOCKED);
    store.assign(T1, "", TaskStatus.PENDING);
    // then AMP adds its log line, and another agent saves a copy read while the row said BLOCKED
    BoardStoreTest.agentWrites(
        file,
        t ->
            t.replace(
                "| out of credits |\n",
                "| out of credits |\n| 2026-11-26 | AMP | T-001 | BLOCKED | no credits left |\n"));
    assertThat(store.reconcile()).isEmpty();
    assertThat(store.read().status(T1)).contains(TaskStatus.PENDING);
    BoardStoreTest.agentWrites(
        file, t -> t.replace("|  | LOW | PENDING |", "| AMP (w4) | LOW | BLOCKED |"));
    assertThat(store.read().status(T1)).contains(TaskStatus.BLOCKED);

    List<Repair> repairs = store.reconcile();

    assertThat(repairs).extracting(Repair::kind).containsOnly(Repair.Kind.BATON_WRITE_RESTORED);
    assertThat(store.read().status(T1)).contains(TaskStatus.PENDING);
    assertThat(store.read().task(T1).orElseThrow().assignedTo()).isEmpty();
    // handed to AMP again, a new BLOCKED of AMP's is news again
    store.assign(T1, "AMP (w4)", TaskStatus.IN_PROGRESS);
    BoardStoreTest.agentWrites(
        file, t -> t.replace("| AMP (w4) | LOW | IN_PROGRESS |", "| AMP (w4) | LOW | BLOCKED |"));
    assertThat(store.read().status(T1)).contains(TaskStatus.BLOCKED);
    assertThat(store.reconcile()).isEmpty();
  }

  @Test
  void aRepairReadsAsASentence() {
    Repair progress =
        new Repair(
            null,
            Repair.Kind.BATON_WRITE_RESTORED,
            null,
            null,
            "progress set to 30 % by Baton had been erased");
    Repair status =
        new Repair(
            T1,
            Repair.Kind.STATUS_RESTORED_FROM_LOG,
            TaskStatus.IN_PROGRESS,
            TaskStatus.COMPLETED,
            "T-001 was IN_PROGRESS in the queue but AMP logged COMPLETED (2026-01-28)");
    assertThat(progress.describe())
        .isEqualTo(
            "board: Baton's change written again: progress set to 30 % by Baton"
                + " had been erased");
    assertThat(status.describe())
        .isEqualTo(
            "T-001: status restored (IN_PROGRESS -> COMPLETED): T-001 was"
                + " IN_PROGRESS in the queue but AMP logged COMPLETED (2026-01-28)");
    assertThat(status.toString()).doesNotContain("Repair[");
  }
}
