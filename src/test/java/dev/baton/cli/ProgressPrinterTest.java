package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.run.Happened;
import dev.baton.run.Phase;
import dev.baton.run.RunEvent;
import dev.baton.views.AgentInfo;
import dev.baton.views.TaskRow;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {
  private static final Instant T0 = Instant.parse("2026-01-02T10:15:30Z");

  private final List<TaskRow> tasks =
      List.of(
          new TaskRow("T-001", "a", "MED", "COMPLETED", "AMP (w4)"),
          new TaskRow("T-002", "b", "MED", "IN_PROGRESS", "Codex (w6)"),
          new TaskRow("T-003", "c", "MED", "BLOCKED", null),
          new TaskRow("T-004", "d", "MED", "PENDING", null));
  private final List<AgentInfo> agents =
      List.of(
          new AgentInfo("AMP", "s:4", "amp", "IDLE", null),
          new AgentInfo("Codex", "s:6", "codex", "BUSY", "T-002"));

  @Test
  void plainOutputIsOneTimestampedLinePerEventWithoutEscapes() {
    StringWriter sink = new StringWriter();
    ProgressPrinter p = new ProgressPrinter(new PrintWriter(sink), false, ZoneOffset.UTC);
    p.event(
        new RunEvent(
            T0,
            "run-1",
            new Happened.PromptSubmitted("T-002", "Codex", "task", Duration.ofMillis(120), 1)));
    p.update(ProgressView.of("run-1", "3. Poll & redistribute", tasks, agents));
    p.event(new RunEvent(T0.plusSeconds(5), "run-1", new Happened.PhaseChanged(Phase.TEST)));
    assertThat(sink.toString()).doesNotContain("\u001b");
    assertThat(sink.toString().lines())
        .containsExactly(
            "10:15:30  prompted    T-002   Codex      task prompt submitted in 120 ms",
            "10:15:35  phase       -       -          phase 4. Test (Ralph)");
    p.finish();
    assertThat(sink.toString())
        .contains("1/4 completed, 1 in progress, 1 blocked")
        .contains("Codex      BUSY          T-002");
  }

  @Test
  void terminalOutputRedrawsTheBlockInPlace() {
    StringWriter sink = new StringWriter();
    ProgressPrinter p = new ProgressPrinter(new PrintWriter(sink), true, ZoneOffset.UTC);
    p.update(ProgressView.of("run-1", "2. Distribute", tasks, agents));
    p.event(new RunEvent(T0, "run-1", new Happened.TaskCompleted("T-001", "AMP")));
    String s = sink.toString();
    // block of 4 lines (phase, bar, 2 agents) drawn, then erased (cursor up 4) before the event
    // line
    assertThat(s).contains("\u001b[4A").contains("\u001b[2K");
    assertThat(s.indexOf("COMPLETED by AMP")).isGreaterThan(s.indexOf("\u001b[4A"));
    assertThat(s.lastIndexOf("phase: 2. Distribute")).isGreaterThan(s.indexOf("COMPLETED by AMP"));
  }

  @Test
  void barIsProportionalAndSaysWhenTheBoardIsUnknown() {
    List<String> half =
        ProgressPrinter.block(ProgressView.of("r", "p", tasks.subList(0, 2), List.of()));
    assertThat(half.get(1)).startsWith("  [" + "#".repeat(15) + ".".repeat(15) + "] 1/2");
    assertThat(ProgressPrinter.block(ProgressView.of("r", "p", null, List.of())).get(1))
        .contains("board not available");
  }
}
