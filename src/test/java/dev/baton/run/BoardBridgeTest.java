package dev.baton.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.board.BoardStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoardBridgeTest {
  @TempDir Path dir;

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void aRepairOfTheProgressLineReachesTheRunAsASentence() throws Exception {
    Path file = dir.resolve("CLAUDE.md");
    Files.writeString(
        file,
        """
        ## Task Assignment Queue
        | ID | Task | Assigned To | Priority | Status | Created |
        |----|------|-------------|----------|--------|---------|
        | T-001 | one | AMP (w4) | LOW | IN_PROGRESS | 2026-11-26 |

        ## Task Completion Log
        | Date | Agent | Task | Status | Note |
        |------|-------|------|--------|------|
        """);
    BoardStore store = new BoardStore(file, clock);
    String stale = Files.readString(file);
    store.setProgress(30);
    // an agent saves a copy read before Baton's write: the Progress line is gone
    Files.writeString(file, stale);
    RunEvents events = new RunEvents(clock);
    RunRegistry runs = new RunRegistry(clock, events, new RunJournal(dir, clock));
    runs.register("run-1", "request");
    runs.phase("run-1", Phase.POLL);
    BoardBridge bridge = new BoardBridge(null, runs, store, events, null, clock);

    bridge.boardChanged(store.read());

    assertThat(store.read().progress()).hasValue(30);
    assertThat(events.of("run-1"))
        .filteredOn(e -> e.kind().equals("board-repaired"))
        .extracting(RunEvent::message)
        .containsExactly(
            "board: Baton's change written again: progress set to 30 % by Baton had been erased");
  }
}
