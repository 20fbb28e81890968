package dev.baton.cli;

import dev.baton.run.RunEvent;
import dev.baton.views.AgentInfo;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Live progress of a run. On a terminal the status block (phase, task bar, one line per agent) is
 * redrawn in place below the scrolling event lines; elsewhere (CI, pipes) every event is one plain
 * timestamped line and the block is printed once at the end, so logs stay greppable.
 */
public final class ProgressPrinter {
  private static final int BAR_WIDTH = 30;
  private static final String CLEAR_LINE = "\u001b[2K";

  private final PrintWriter out;
  private final boolean ansi;
  private final DateTimeFormatter time;
  private ProgressView last;
  private int drawnLines;

  public ProgressPrinter(PrintWriter out, boolean ansi, ZoneId zone) {
    this.out = out;
    this.ansi = ansi;
    this.time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
  }

  public synchronized void event(RunEvent e) {
    erase();
    out.println(line(e));
    draw();
  }

  public synchronized void update(ProgressView view) {
    last = view;
    if (ansi) {
      erase();
      draw();
    }
  }

  /** Leaves the final state on screen. */
  public synchronized void finish() {
    if (ansi) {
      erase();
    }
    if (last != null) {
      block(last).forEach(out::println);
    }
    drawnLines = 0;
    out.flush();
  }

  String line(RunEvent e) {
    return String.format(
        "%s  %-11s %-7s %-10s %s",
        time.format(e.at()),
        e.kind(),
        e.taskId() == null ? "-" : e.taskId(),
        e.agent() == null ? "-" : e.agent(),
        e.message());
  }

  static List<String> block(ProgressView v) {
    List<String> lines = new ArrayList<>();
    lines.add("Run " + v.runId() + "  phase: " + v.phase());
    if (v.total() < 0) {
      lines.add("  tasks: board not available");
    } else {
      int filled =
          v.total() == 0 ? 0 : (int) Math.round((double) BAR_WIDTH * v.completed() / v.total());
      lines.add(
          "  ["
              + "#".repeat(filled)
              + ".".repeat(BAR_WIDTH - filled)
              + "] "
              + v.completed()
              + "/"
              + v.total()
              + " completed, "
              + v.inProgress()
              + " in progress, "
              + v.blocked()
              + " blocked");
    }
    for (AgentInfo a : v.agents()) {
      lines.add(
          String.format(
              "  %-10s %-13s %s", a.name(), a.state(), a.taskId() == null ? "(free)" : a.taskId()));
    }
    return lines;
  }

  private void draw() {
    if (!ansi || last == null) {
      out.flush();
      return;
    }
    List<String> lines = block(last);
    lines.forEach(l -> out.print(CLEAR_LINE + l + "\n"));
    drawnLines = lines.size();
    out.flush();
  }

  private void erase() {
    if (ansi && drawnLines > 0) {
      out.print("\u001b[" + drawnLines + "A\r\u001b[J");
      drawnLines = 0;
    }
  }
}
