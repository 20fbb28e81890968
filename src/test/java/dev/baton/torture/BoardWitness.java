package dev.baton.torture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the board (and REPORT.md) every 100 ms on its own thread and remembers every COMPLETED and
 * every completion-log line it ever saw, and each task's status over time: the evidence against
 * which the final board is checked. It only reads.
 */
final class BoardWitness implements AutoCloseable {
  private static final Duration PERIOD = Duration.ofMillis(100);
  private static final Pattern REPORT_HEADING = Pattern.compile("(?m)^# Baton report — (\\S+)");

  /**
   * A status a task had from {@code at} on (null: its row was not on the board, e.g. a file caught
   * mid-write).
   */
  record Seen(Instant at, String status) {}

  private final Path board;
  private final Path report;
  private final Thread thread;
  private volatile boolean running = true;

  // guarded by this
  private final Map<String, Instant> completedFirstSeen = new LinkedHashMap<>();
  private final Map<BoardText.LogLine, Instant> logFirstSeen = new LinkedHashMap<>();
  private final Map<String, List<Seen>> timeline = new HashMap<>();
  private final Map<String, String> firstTaskText = new LinkedHashMap<>();
  private final Map<String, String> reports = new LinkedHashMap<>();
  private String lastText = "";
  private String lastReport = "";
  private int reads;

  BoardWitness(Path board, Path report) {
    this.board = board;
    this.report = report;
    this.thread = Thread.ofPlatform().daemon().name("torture-witness").start(this::loop);
  }

  private void loop() {
    while (running) {
      look();
      try {
        Thread.sleep(PERIOD);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** One look at the board and the report; also called once more at the end. */
  void look() {
    String text = read(board);
    Instant now = Instant.now();
    synchronized (this) {
      reads++;
      if (text != null && !text.equals(lastText)) {
        lastText = text;
        BoardText seen = BoardText.parse(text);
        seen.statuses()
            .forEach(
                (id, status) -> {
                  if (status.equals("COMPLETED")) {
                    completedFirstSeen.putIfAbsent(id, now);
                  }
                  record(id, status, now);
                });
        for (String id : timeline.keySet()) {
          if (!seen.statuses().containsKey(id)) {
            record(id, null, now);
          }
        }
        seen.log().forEach(line -> logFirstSeen.putIfAbsent(line, now));
        seen.tasks().forEach(firstTaskText::putIfAbsent);
      }
      String r = read(report);
      if (r != null && !r.equals(lastReport)) {
        lastReport = r;
        Matcher m = REPORT_HEADING.matcher(r);
        if (m.find()) {
          reports.put(m.group(1), r);
        }
      }
    }
  }

  private void record(String id, String status, Instant at) {
    List<Seen> list = timeline.computeIfAbsent(id, k -> new ArrayList<>());
    String last = list.isEmpty() ? null : list.getLast().status();
    if (list.isEmpty() || !java.util.Objects.equals(last, status)) {
      list.add(new Seen(at, status));
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | RuntimeException e) {
      return null; // unreadable for a moment (malformed bytes mid-write): the next look reads it
      // again
    }
  }

  synchronized Map<String, Instant> completedFirstSeen() {
    return Map.copyOf(completedFirstSeen);
  }

  synchronized Map<BoardText.LogLine, Instant> logFirstSeen() {
    return new LinkedHashMap<>(logFirstSeen);
  }

  /** Task id → the Task cell of its row when the witness first saw it. */
  synchronized Map<String, String> firstTaskText() {
    return new LinkedHashMap<>(firstTaskText);
  }

  /** The report seen last for a run id, or null. */
  synchronized String report(String runId) {
    return reports.get(runId);
  }

  synchronized int reads() {
    return reads;
  }

  /**
   * Whether the task was seen COMPLETED at every look during the {@code span} before {@code at}
   * (and had been since before the span began): its row said so all along, so a prompt then had no
   * cause.
   */
  synchronized boolean completedThroughout(String taskId, Instant at, Duration span) {
    List<Seen> list = timeline.getOrDefault(taskId, List.of());
    Instant from = at.minus(span);
    Seen current = null;
    for (Seen s : list) {
      if (s.at().isAfter(at)) {
        break;
      }
      if (s.at().isAfter(from) && !"COMPLETED".equals(s.status())) {
        return false;
      }
      if (!s.at().isAfter(from)) {
        current = s;
      }
    }
    return current != null && "COMPLETED".equals(current.status());
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
