package dev.baton.torture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The torture suite's witnesses must see a broken invariant when there is one: these feed them
 * made-up evidence of each kind of breakage (and of legitimate recoveries that must not count).
 */
class EvidenceTest {

  private static final String BOARD =
      """
      # Memory
      ## Task Assignment Queue
      | ID | Task | Assigned To | Priority | Status | Created |
      |----|------|-------------|----------|--------|---------|
      | T-001 | Escape \\| pipes | A1 (w1) | MED | COMPLETED | 2026-12-03 |
      | T-002 | Two | A2 (w2) | HIGH | IN_PROGRESS | 2026-12-03 |
      T-003 | no leading pipe | | MED | PENDING | 2026-12-03 |
      | T-004 | cut mid-ro
      ## Task Completion Log
      | Date | Agent | Task | Status | Note |
      |------|-------|------|--------|------|
      | 2026-12-03 | A1 | T-001 | COMPLETED | fait par A1 |
      """;

  @Test
  void boardTextReadsWholeRowsOnlyAndHonoursEscapedPipes() {
    BoardText b = BoardText.parse(BOARD);
    assertThat(b.statuses())
        .containsExactly(Map.entry("T-001", "COMPLETED"), Map.entry("T-002", "IN_PROGRESS"));
    assertThat(b.tasks().get("T-001"))
        .isEqualTo("task='Escape \\| pipes'; priority='MED'; created='2026-12-03'");
    assertThat(b.log())
        .containsExactly(
            new BoardText.LogLine("2026-12-03", "A1", "T-001", "COMPLETED", "fait par A1"));
    assertThat(b.hasQueue()).isTrue();
    assertThat(b.hasLog()).isTrue();
    assertThat(BoardText.parse(BOARD.substring(0, BOARD.indexOf("## Task Completion"))))
        .extracting(BoardText::hasLog)
        .isEqualTo(false);
  }

  @Test
  void journalIsReadWithoutJackson() {
    Journal j =
        Journal.parse(
            """
        { "runId" : "run-1", "phase" : "DONE", "taskIds" : [ "T-001", "T-002" ],
          "testTasks" : [ { "testId" : "T-003", "featureId" : "T-001", "author" : "A1" } ],
          "prompts" : [ { "at" : "2026-12-03T07:00:00Z", "taskId" : "T-001", "agent" : "A1", "kind" : "task",
                          "jobKey" : 22517998136, "attempts" : 1 } ],
          "tests" : [ ], "finishedAt" : null, "planTaskId" : null, "needsPlan" : false, "planBase" : -1.5e0,
          "request" : "- a \\"quoted\\" \\u00e9 task\\n" }
        """);
    assertThat(j.finished()).isTrue();
    assertThat(j.allTaskIds()).containsExactly("T-001", "T-002", "T-003");
    assertThat(j.promptsFor("T-001")).isEqualTo(1);
    assertThat(j.promptsFor("T-002")).isZero();
  }

  @Test
  void aTaskPromptedToASecondAgentWhileTheFirstHoldsItIsFound(@TempDir Path dir) throws Exception {
    Map<String, Path> logs = Map.of("A1", dir.resolve("a1"), "A2", dir.resolve("a2"));
    Files.writeString(
        logs.get("A1"),
        """
        2026-12-03T07:00:00Z TYPING
        2026-12-03T07:00:01Z PROMPT T-001 chars=40
        2026-12-03T07:00:09Z BOARD T-001 COMPLETED note=fait
        """);
    Files.writeString(
        logs.get("A2"),
        """
        2026-12-03T07:00:04Z TYPING
        2026-12-03T07:00:05Z PROMPT T-001 chars=40
        """);
    AgentLogs.Findings f = AgentLogs.read(logs, Map.of()).check(List.of(), witness(dir));
    assertThat(f.twoAgentsAtOnce())
        .hasSize(1)
        .first()
        .asString()
        .contains("T-001 prompted to A2 while A1");
    assertThat(f.promptsPerTask()).containsEntry("T-001", 2);
  }

  @Test
  void reassigningAfterTheHolderReportedDiedOrWasInterruptedIsNoViolation(@TempDir Path dir)
      throws Exception {
    Map<String, Path> logs =
        Map.of("A1", dir.resolve("a1"), "A2", dir.resolve("a2"), "A3", dir.resolve("a3"));
    Files.writeString(
        logs.get("A1"),
        """
        2026-12-03T07:00:01Z PROMPT T-001 chars=40
        2026-12-03T07:00:02Z BOARD T-001 BLOCKED note=crédits épuisés
        2026-12-03T07:00:03Z PROMPT T-002 chars=40
        2026-12-03T07:00:04Z INTERRUPTED T-002
        """);
    Files.writeString(
        logs.get("A2"),
        """
        2026-12-03T07:00:05Z PROMPT T-001 chars=40
        2026-12-03T07:00:05.500Z BOARD T-001 COMPLETED note=fait
        2026-12-03T07:00:06Z PROMPT T-002 chars=40
        """);
    Files.writeString(
        logs.get("A3"),
        """
        2026-12-03T07:00:08Z PROMPT T-002 chars=40
        """);
    AgentLogs.Findings f =
        AgentLogs.read(logs, Map.of())
            .check(
                List.of(new AgentLogs.Death(Instant.parse("2026-12-03T07:00:07Z"), "A2", true)),
                witness(dir));
    assertThat(f.twoAgentsAtOnce()).isEmpty();
    assertThat(f.typedIntoBusyAgent()).isEmpty();
    assertThat(f.promptsPerTask())
        .as("A2's prompt reached it a moment before it was killed")
        .containsEntry("T-002", 2);
  }

  @Test
  void textTypedIntoABusyAgentAndControlKeysInsideAPromptAreFound(@TempDir Path dir)
      throws Exception {
    Map<String, Path> logs = Map.of("A1", dir.resolve("a1"));
    Map<String, Path> history = Map.of("A1", dir.resolve("h1"));
    Files.writeString(
        logs.get("A1"),
        """
        2026-12-03T07:00:00Z KEY CTRL_U
        2026-12-03T07:00:00.100Z TYPING
        2026-12-03T07:00:00.200Z KEY ESC
        2026-12-03T07:00:01Z PROMPT T-001 chars=40
        2026-12-03T07:00:02Z TYPING
        """);
    Files.writeString(history.get("A1"), "Tâche T-001 : ring \u0007 the bell\n");
    AgentLogs.Findings f = AgentLogs.read(logs, history).check(List.of(), witness(dir));
    assertThat(f.typedIntoBusyAgent()).hasSize(1);
    assertThat(f.controlCharacters())
        .hasSize(2)
        .anyMatch(s -> s.contains("U+0007"))
        .anyMatch(s -> s.contains("ESC"));
  }

  @Test
  void aPromptForATaskLongCompletedOnTheBoardIsFound(@TempDir Path dir) throws Exception {
    Path board = dir.resolve("CLAUDE.md");
    Files.writeString(board, BOARD);
    BoardWitness witness = new BoardWitness(board, dir.resolve("REPORT.md"));
    witness.close();
    witness.look();
    Instant later = Instant.now().plusSeconds(5);
    assertThat(witness.completedThroughout("T-001", later, java.time.Duration.ofMillis(2500)))
        .isTrue();
    assertThat(witness.completedThroughout("T-002", later, java.time.Duration.ofMillis(2500)))
        .isFalse();
    assertThat(
            witness.completedThroughout(
                "T-001", Instant.now().minusSeconds(5), java.time.Duration.ofMillis(2500)))
        .isFalse();
    assertThat(witness.completedFirstSeen()).containsOnlyKeys("T-001");
  }

  @Test
  void optionsAreCheckedBeforeAnythingStarts() {
    assertThat(Torture.parse("--minutes", "0.5", "--seed", "7").seed()).isEqualTo(7);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Torture.parse("--minuts", "2"))
        .hasMessageContaining("unknown option --minuts");
    assertThat(Torture.parse("--skip", "half-write,kill-tmux").faults())
        .doesNotContain(Fault.HALF_WRITE, Fault.KILL_TMUX)
        .contains(Fault.KILL_BATON);
    assertThat(Torture.parse("--only", "kill-baton").faults()).containsExactly(Fault.KILL_BATON);
    Torture.Options replay = Torture.parse("--seed", "500", "--episode", "5");
    assertThat(replay.firstEpisode()).isEqualTo(5);
    assertThat(replay.episodes()).isEqualTo(1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Torture.parse("--only", "meteor"))
        .hasMessageContaining("unknown fault 'meteor'");
  }

  private static BoardWitness witness(Path dir) {
    BoardWitness w = new BoardWitness(dir.resolve("none.md"), dir.resolve("none-report.md"));
    w.close();
    return w;
  }
}
