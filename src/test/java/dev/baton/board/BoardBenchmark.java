package dev.baton.board;

import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.data.MutableDataSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Parse and surgical-update times of the board codec for 100 to 100k queue rows (plus half as many
 * log rows and some prose), after warm-up; then the store's full write path and the watcher's
 * latency from an agent's write to the event. Not a unit test: run it by hand (see README).
 */
public final class BoardBenchmark {

  private BoardBenchmark() {}

  public static void main(String[] args) throws Exception {
    BoardCodec codec = new BoardCodec();
    String warm = board(10_000);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    while (System.nanoTime() < until) {
      parseAndUpdate(codec, warm, 5_000);
    }
    System.out.printf(
        "JDK %s, %d cores, load average %.2f (other processes share these cores)%n",
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.println(
        "parse + one status update, CPU ms of the thread (median); seed = LF, Progress line, plain rows;");
    System.out.println(
        "real = CRLF, no Progress line, prose between sections, inline markup in most rows");
    System.out.printf(
        "%8s %12s %12s %12s %12s %12s%n",
        "rows", "seed parse", "seed p+u", "real parse", "real p+u", "real ns/row");
    for (int rows : new int[] {100, 1_000, 5_000, 10_000, 20_000, 100_000}) {
      double[] seed = time(codec, board(rows), rows);
      double[] real = time(codec, realBoard(rows), rows);
      System.out.printf(
          "%8d %12.2f %12.2f %12.2f %12.2f %12.0f%n",
          rows,
          seed[0],
          seed[0] + seed[1],
          real[0],
          real[0] + real[1],
          (real[0] + real[1]) * 1e6 / rows);
    }

    if (args.length > 0 && args[0].equals("parse")) {
      return;
    }
    System.out.println();
    System.out.println("flexmark parsing the whole table (what the codec avoids for plain rows):");
    Parser flexmark = flexmark();
    for (int rows : new int[] {100, 1_000, 10_000}) {
      String text = board(rows);
      double[] t = new double[5];
      for (int i = 0; i < t.length; i++) {
        long t0 = System.nanoTime();
        flexmark.parse(text);
        t[i] = (System.nanoTime() - t0) / 1e6;
      }
      System.out.printf("%8d rows %10.2f ms%n", rows, median(t));
    }

    System.out.println();
    System.out.println(
        "store: read + compare-and-swap + temp file + fsync + atomic rename, one status change:");
    Path dir = Files.createTempDirectory("board-bench");
    for (int rows : new int[] {100, 1_000, 10_000}) {
      Path file = dir.resolve("CLAUDE-" + rows + ".md");
      Files.writeString(file, board(rows));
      BoardStore store = new BoardStore(file, Clock.systemUTC());
      double[] t = new double[15];
      for (int i = 0; i < t.length; i++) {
        long t0 = System.nanoTime();
        store.setStatus(
            TaskId.of(rows / 2 + 1), i % 2 == 0 ? TaskStatus.COMPLETED : TaskStatus.IN_PROGRESS);
        t[i] = (System.nanoTime() - t0) / 1e6;
      }
      System.out.printf("%8d rows %10.2f ms%n", rows, median(t));
    }

    System.out.println();
    System.out.println(
        "watcher: agent's in-place write -> TaskChange event (debounce 30 ms), 20 trials:");
    for (int rows : new int[] {100, 1_000}) {
      Path file = dir.resolve("WATCH-" + rows + ".md");
      Files.writeString(file, board(rows));
      BoardStore store = new BoardStore(file, Clock.systemUTC());
      BlockingQueue<Long> seen = new ArrayBlockingQueue<>(100);
      double[] t = new double[20];
      try (BoardWatcher watcher =
          new BoardWatcher(
              store,
              c -> seen.add(System.nanoTime()),
              Duration.ofMillis(30),
              Duration.ofSeconds(5))) {
        watcher.start();
        String base = Files.readString(file);
        String row = "| " + TaskId.of(rows / 2 + 1) + " | ";
        int at = base.indexOf(row);
        for (int i = 0; i < t.length; i++) {
          String status = i % 2 == 0 ? "COMPLETED  " : "IN_PROGRESS";
          int cell = base.indexOf("IN_PROGRESS", at);
          String text = base.substring(0, cell) + status + base.substring(cell + 11);
          long t0 = System.nanoTime();
          Files.writeString(file, text);
          Long when = seen.poll(5, TimeUnit.SECONDS);
          if (when == null) {
            throw new IllegalStateException("no event");
          }
          t[i] = (when - t0) / 1e6;
          Thread.sleep(50);
        }
      }
      System.out.printf(
          "%8d rows  median %6.1f ms, max %6.1f ms%n",
          rows, median(t), Arrays.stream(t).max().orElse(0));
    }
  }

  /**
   * Median parse and update times in ms of one board shape, as CPU time of this thread: the machine
   * is shared, and wall time there measures the other processes as much as the codec.
   */
  private static double[] time(BoardCodec codec, String text, int rows) {
    java.lang.management.ThreadMXBean cpu =
        java.lang.management.ManagementFactory.getThreadMXBean();
    int runs = rows >= 100_000 ? 5 : rows >= 20_000 ? 9 : 21;
    double[] parse = new double[runs];
    double[] update = new double[runs];
    TaskId target = TaskId.of(rows / 2 + 1);
    for (int i = 0; i < runs; i++) {
      long t0 = cpu.getCurrentThreadCpuTime();
      Board b = codec.parse(text);
      long t1 = cpu.getCurrentThreadCpuTime();
      BoardEditor editor = new BoardEditor(b, null);
      editor.setStatus(target, TaskStatus.COMPLETED);
      String out = editor.result();
      long t2 = cpu.getCurrentThreadCpuTime();
      if (out.length() != text.length() - 2
          || b.tasks().size() != rows
          || !b.problems().isEmpty()) {
        throw new IllegalStateException(
            "unexpected parse or update result: " + b.problems().stream().limit(3).toList());
      }
      parse[i] = (t1 - t0) / 1e6;
      update[i] = (t2 - t1) / 1e6;
    }
    return new double[] {median(parse), median(update)};
  }

  /**
   * A board as agents leave it after a long run: CRLF endings, no Progress line, a preamble and
   * notes between the sections, code spans, escaped pipes, backslashes, {@code <br>}, checkboxes
   * and now and then a link in the rows.
   */
  static String realBoard(int rows) {
    StringBuilder b = new StringBuilder(rows * 140);
    b.append(
        "# Project memory\n\nShared notes for all agents. Keep the tables below up to date; use `T-xxx` ids.\n");
    for (int i = 0; i < 40; i++) {
      b.append("- rule ")
          .append(i)
          .append(": run `mvn -q test` before COMPLETED, paths like C:\\work\\x\n");
    }
    b.append("\n## Task Assignment Queue\n\nAgents: flip your row, then add a log line.\n\n");
    b.append("| ID | Task | Assigned To | Priority | Status | Created |\n");
    b.append("|----|------|-------------|----------|--------|---------|\n");
    String[] agents = {"Claude (w3)", "AMP (w4)", "AMP-2 (w5)", "Codex (w6)"};
    String[] tasks = {
      "Fix `Parser.parse()` for `a|b` input",
      "Escape \\| in the output of feature",
      "Move C:\\tmp\\out to the workdir for",
      "Add <br> between lines of",
      "[x] review the docs of",
      "Plain task number",
      "Rename `foo_bar` to `fooBar` in",
      "Handle \\`stray backtick in",
      "Wire <code>api</code> for",
      "Read [the spec](https://example.com/spec) for"
    };
    for (int i = 1; i <= rows; i++) {
      String task = i % 250 == 0 ? tasks[9] : tasks[i % 9];
      b.append("| ")
          .append(TaskId.of(i))
          .append(" | ")
          .append(task)
          .append(' ')
          .append(i)
          .append(" | ")
          .append(agents[i % 4])
          .append(" | MED | IN_PROGRESS | 2026-01-27 |\n");
    }
    b.append("\nNotes on the queue: rows are never removed.\n\n## Decisions\n\n");
    for (int i = 0; i < 30; i++) {
      b.append("Decision ").append(i).append(": keep `CLAUDE.md` small; 50 % of runs need it.\n");
    }
    b.append(
        "\n## Task Completion Log\n| Date | Agent | Task | Status | Note |\n|------|-------|------|--------|------|\n");
    for (int i = 1; i <= rows / 2; i++) {
      b.append("| 2026-01-28 | ")
          .append(agents[i % 4])
          .append(" | ")
          .append(TaskId.of(i))
          .append(" | COMPLETED | done, `mvn test` green \\o/ |\n");
    }
    return b.append("\n## Notes\nNothing else.\n").toString().replace("\n", "\r\n");
  }

  private static void parseAndUpdate(BoardCodec codec, String text, int id) {
    BoardEditor editor = new BoardEditor(codec.parse(text), null);
    editor.setStatus(TaskId.of(id), TaskStatus.COMPLETED);
    editor.result();
  }

  private static Parser flexmark() {
    MutableDataSet options = new MutableDataSet();
    options.set(Parser.EXTENSIONS, List.of(TablesExtension.create()));
    return Parser.builder(options).build();
  }

  private static double median(double[] values) {
    double[] copy = values.clone();
    Arrays.sort(copy);
    return copy[copy.length / 2];
  }

  /**
   * A board like the seed's, with {@code rows} queue rows all IN_PROGRESS and half as many log
   * lines.
   */
  static String board(int rows) {
    StringBuilder b = new StringBuilder(rows * 110);
    b.append(
        "# Project memory\n\nShared notes for all agents. Keep the tables below up to date.\n\n");
    b.append("## Task Assignment Queue\nProgress: 12 %\n\n");
    b.append("| ID | Task | Assigned To | Priority | Status | Created |\n");
    b.append("|----|------|-------------|----------|--------|---------|\n");
    String[] agents = {"Claude (w3)", "AMP (w4)", "AMP-2 (w5)", "Codex (w6)"};
    for (int i = 1; i <= rows; i++) {
      b.append("| ")
          .append(TaskId.of(i))
          .append(" | Implement feature number ")
          .append(i)
          .append(" with tests and docs | ")
          .append(agents[i % 4])
          .append(" | MED | IN_PROGRESS | 2026-01-27 |\n");
    }
    b.append(
        "\n## Task Completion Log\n| Date | Agent | Task | Status | Note |\n|------|-------|------|--------|------|\n");
    for (int i = 1; i <= rows / 2; i++) {
      b.append("| 2026-01-28 | ")
          .append(agents[i % 4])
          .append(" | ")
          .append(TaskId.of(i))
          .append(" | COMPLETED | done, tests green |\n");
    }
    return b.append("\n## Notes\nNothing else.\n").toString();
  }
}
