package dev.baton.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agents that edit the board like LLM tools do (read the whole file, change a line, write the whole
 * file back in place, no lock) race with Baton's store. Afterwards every Baton write must be on the
 * board, and every agent update that got lost must be repaired from the log, unless the agent's log
 * line was lost too (then nobody can know; those are counted and printed).
 */
class BoardRaceTest {

  private static final int AGENTS = 4;
  private static final int TASKS_PER_AGENT = 8;
  private static final int BATON_TASKS = 10;

  @TempDir Path dir;

  @Test
  void noBatonWriteIsLostAndAgentLossesAreRepairedFromTheLog() throws Exception {
    Path file = dir.resolve("CLAUDE.md");
    Files.writeString(file, "# Shared memory\n\nProse the agents keep.\n");
    BoardStore store = new BoardStore(file, Clock.systemUTC());
    List<TaskId> agentTasks =
        store.addTasks(
            java.util.stream.IntStream.range(0, AGENTS * TASKS_PER_AGENT)
                .mapToObj(
                    i ->
                        new NewTask(
                            "agent task " + i,
                            Priority.MED,
                            "Agent" + (i % AGENTS) + " (w" + i % AGENTS + ")",
                            TaskStatus.IN_PROGRESS))
                .toList());

    // as in a run, a watcher reads every change (and so sees completions an overwrite later erases)
    BoardWatcher watcher =
        new BoardWatcher(store, change -> {}, Duration.ofMillis(5), Duration.ofMillis(50));
    watcher.start();
    ExecutorService pool = Executors.newFixedThreadPool(AGENTS + 1);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> running = new ArrayList<>();
    for (int a = 0; a < AGENTS; a++) {
      int agent = a;
      running.add(
          pool.submit(
              () -> {
                start.await();
                Random random = new Random(agent);
                for (int i = agent; i < agentTasks.size(); i += AGENTS) {
                  TaskId id = agentTasks.get(i);
                  // step 1 of the seed's prompt: the queue row; step 2: a completion-log line
                  agentEdit(file, random, text -> setStatusLikeAnAgent(text, id, "COMPLETED"));
                  agentEdit(
                      file,
                      random,
                      text ->
                          text.endsWith("\n") && text.contains("## Task Completion Log")
                              ? Optional.of(
                                  text
                                      + "| 2026-11-26 | Agent"
                                      + agent
                                      + " | "
                                      + id
                                      + " | COMPLETED | done |\n")
                              : Optional.empty());
                  Thread.sleep(5 + random.nextInt(15));
                }
                return null;
              }));
    }
    List<TaskId> batonTasks = new ArrayList<>();
    List<LogEntry> batonLog = new ArrayList<>();
    String today = java.time.LocalDate.now(store.clock()).toString();
    running.add(
        pool.submit(
            () -> {
              start.await();
              for (int k = 0; k < BATON_TASKS; k++) {
                TaskId id = store.addTask("baton task " + k, Priority.HIGH);
                batonTasks.add(id);
                store.assign(id, "Claude (w3)", TaskStatus.IN_PROGRESS);
                store.setProgress(k * 10);
                store.appendLog("Baton", id, TaskStatus.IN_PROGRESS, "assigned " + k);
                batonLog.add(
                    LogEntry.of(today, "Baton", id, TaskStatus.IN_PROGRESS, "assigned " + k));
                Thread.sleep(2);
              }
              return null;
            }));
    start.countDown();
    for (Future<?> f : running) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    watcher.stop();

    Board before = store.read();
    List<Repair> repairs = new ArrayList<>(store.reconcile());
    repairs.addAll(store.reconcile());
    Board after = store.read();

    // every Baton write is on the board
    for (int k = 0; k < batonTasks.size(); k++) {
      TaskRow row =
          after.task(batonTasks.get(k)).orElseThrow(() -> new AssertionError("Baton task lost"));
      assertThat(row.task()).startsWith("baton task");
      assertThat(row.assignedTo()).isEqualTo("Claude (w3)");
      assertThat(row.status()).isEqualTo(TaskStatus.IN_PROGRESS);
    }
    assertThat(after.log()).containsAll(batonLog);
    assertThat(after.progress()).hasValue((BATON_TASKS - 1) * 10);
    assertThat(after.text()).startsWith("# Shared memory\n\nProse the agents keep.\n");
    // two agents truncating and writing the same file at once can leave the tail of the longer
    // write behind: Baton reports such lines, it does not hide them
    assertThat(after.problems()).allMatch(p -> p.line() > 0, "problems name their line");

    // every agent update is on the board, repaired (from the log or from what Baton read), or lost
    // before anyone but the overwriting agent could see it
    int lostRows = 0;
    int repaired = 0;
    int lostWithLog = 0;
    for (TaskId id : agentTasks) {
      boolean logged =
          after.log().stream()
              .anyMatch(e -> id.equals(e.taskId()) && e.status() == TaskStatus.COMPLETED);
      boolean completedBefore = before.status(id).orElse(null) == TaskStatus.COMPLETED;
      TaskStatus now = after.status(id).orElse(null);
      if (logged) {
        assertThat(now).as(id + " has a log line").isEqualTo(TaskStatus.COMPLETED);
      }
      if (!completedBefore) {
        lostRows++;
        if (now == TaskStatus.COMPLETED) {
          repaired++;
        } else {
          lostWithLog++;
        }
      }
    }
    long batonRestored =
        repairs.stream().filter(r -> r.kind() == Repair.Kind.BATON_WRITE_RESTORED).count();
    System.out.printf(
        "race: %d agent updates, %d queue rows lost by agents' overwrites, %d repaired (%d from the"
            + " log, %d from what Baton had read), %d lost unseen together with their log line;"
            + " %d Baton writes erased by agents and restored; %d problem lines left by agents writing"
            + " at once%n",
        agentTasks.size(),
        lostRows,
        repaired,
        repairs.stream().filter(r -> r.kind().name().endsWith("FROM_LOG")).count(),
        repairs.stream().filter(r -> r.kind().name().endsWith("FROM_HISTORY")).count(),
        lostWithLog,
        batonRestored,
        after.problems().size());
    assertThat(repaired + lostWithLog).isEqualTo(lostRows);
  }

  private static Optional<String> setStatusLikeAnAgent(String text, TaskId id, String status) {
    if (!text.endsWith("\n")) {
      return Optional.empty();
    }
    int at = text.indexOf("| " + id + " |");
    if (at < 0) {
      return Optional.empty();
    }
    int end = text.indexOf('\n', at);
    String[] cells = text.substring(at, end).split(" \\| ");
    if (cells.length < 6) {
      return Optional.empty();
    }
    cells[4] = status;
    return Optional.of(text.substring(0, at) + String.join(" | ", cells) + text.substring(end));
  }

  /** Read, think a little, write the whole file back in place (truncate + write, not atomic). */
  private static void agentEdit(Path file, Random random, Function<String, Optional<String>> edit)
      throws IOException, InterruptedException {
    for (int attempt = 0; attempt < 1000; attempt++) {
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      Optional<String> out = edit.apply(text);
      if (out.isPresent()) {
        Thread.sleep(random.nextInt(4));
        Files.write(file, out.get().getBytes(StandardCharsets.UTF_8));
        return;
      }
      Thread.sleep(1);
    }
    throw new AssertionError("agent never found its row");
  }
}
