package dev.baton.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoardWatcherTest {

  @TempDir Path dir;
  private final List<TaskChange> changes = new CopyOnWriteArrayList<>();
  private final List<Board> boards = new CopyOnWriteArrayList<>();
  private BoardWatcher watcher;

  private final BoardListener listener =
      new BoardListener() {
        @Override
        public void taskChanged(TaskChange change) {
          changes.add(change);
        }

        @Override
        public void boardChanged(Board board) {
          boards.add(board);
        }
      };

  @AfterEach
  void stop() {
    if (watcher != null) {
      watcher.stop();
    }
  }

  private BoardStore store() throws IOException {
    Path file = dir.resolve("CLAUDE.md");
    Files.writeString(file, Corpus.read("seed-like.md"));
    return new BoardStore(file, Clock.systemUTC());
  }

  @Test
  void aBoardLeftCutMidRowIsNotComparedAndTheCompleteWriteGivesOnlyItsOwnChange() throws Exception {
    Path file = dir.resolve("CLAUDE.md");
    Files.writeString(file, Corpus.read("seed-like.md"));
    BoardStore store =
        new BoardStore(
            file,
            Clock.systemUTC(),
            new BoardStoreOptions(
                50, Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofHours(1), 100, true));
    watcher = new BoardWatcher(store, listener, Duration.ofMillis(10), Duration.ofMillis(100));
    watcher.start();
    String full = Corpus.read("seed-like.md");
    Files.writeString(file, full.substring(0, full.indexOf("| T-003 |") + 12));
    Thread.sleep(400);
    assertThat(boards).isEmpty();
    Files.writeString(
        file, full.replace("| AMP (w4) | LOW | IN_PROGRESS |", "| AMP (w4) | LOW | COMPLETED |"));
    await().atMost(Duration.ofSeconds(5)).until(() -> !boards.isEmpty());
    assertThat(changes)
        .extracting(TaskChange::toString)
        .containsExactly("task T-001 changed from IN_PROGRESS to COMPLETED");
  }

  @Test
  void reportsAnAgentsStatusChangeAndNewRows() throws IOException {
    BoardStore store = store();
    watcher = new BoardWatcher(store, listener, Duration.ofMillis(30), Duration.ofSeconds(30));
    watcher.start();
    BoardStoreTest.agentWrites(
        store.file(),
        t -> t.replace("| AMP (w4) | LOW | IN_PROGRESS |", "| AMP (w4) | LOW | ✅ Done |"));
    await().atMost(Duration.ofSeconds(5)).until(() -> !changes.isEmpty());
    TaskChange change = changes.get(0);
    assertThat(change.toString()).isEqualTo("task T-001 changed from IN_PROGRESS to COMPLETED");
    assertThat(change.row().statusText()).isEqualTo("✅ Done");
    await().atMost(Duration.ofSeconds(5)).until(() -> !boards.isEmpty());

    store.addTask("added by Baton", Priority.LOW);
    await().atMost(Duration.ofSeconds(5)).until(() -> changes.size() == 2);
    assertThat(changes.get(1))
        .isEqualTo(
            new TaskChange(
                new TaskId("T-005"),
                null,
                TaskStatus.PENDING,
                store.read().task(new TaskId("T-005")).orElseThrow()));
    assertThat(changes).hasSize(2);
  }

  @Test
  void proseEditsChangeTheBoardButNoTask() throws IOException, InterruptedException {
    BoardStore store = store();
    watcher = new BoardWatcher(store, listener, Duration.ofMillis(30), Duration.ofSeconds(30));
    watcher.start();
    BoardStoreTest.agentWrites(
        store.file(), t -> t.replace("Answer in French.", "Answer in English."));
    await().atMost(Duration.ofSeconds(5)).until(() -> !boards.isEmpty());
    assertThat(boards.get(0).text()).contains("Answer in English.");
    assertThat(changes).isEmpty();
    assertThat(watcher.current().text()).contains("Answer in English.");
  }

  @Test
  void periodicReReadCatchesChangesWhenEventsAreLate() throws IOException {
    BoardStore store = store();
    // a debounce far longer than the test: only the fallback re-read can report in time
    watcher = new BoardWatcher(store, listener, Duration.ofMinutes(10), Duration.ofMillis(100));
    watcher.start();
    BoardStoreTest.agentWrites(
        store.file(), t -> t.replace("| HIGH | PENDING |", "| HIGH | BLOCKED: no key |"));
    await().atMost(Duration.ofSeconds(5)).until(() -> !changes.isEmpty());
    assertThat(changes.get(0).toString()).isEqualTo("task T-004 changed from PENDING to BLOCKED");
  }

  @Test
  void listenerFailureDoesNotStopTheWatcherAndStopEndsCalls()
      throws IOException, InterruptedException {
    BoardStore store = store();
    List<TaskChange> seen = new CopyOnWriteArrayList<>();
    watcher =
        new BoardWatcher(
            store,
            change -> {
              seen.add(change);
              throw new IllegalStateException("listener bug");
            },
            Duration.ofMillis(10),
            Duration.ofMillis(200));
    watcher.start();
    store.setStatus(new TaskId("T-004"), TaskStatus.IN_PROGRESS);
    await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
    store.setStatus(new TaskId("T-004"), TaskStatus.COMPLETED);
    await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 2);
    watcher.stop();
    store.setStatus(new TaskId("T-004"), TaskStatus.BLOCKED);
    Thread.sleep(400);
    assertThat(seen).hasSize(2);
  }
}
