package dev.baton.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.run.Phase;
import dev.baton.run.RunEvent;
import dev.baton.run.RunEvents;
import dev.baton.run.RunJournal;
import dev.baton.run.RunRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The phase listener's worker moves the run to the phase the model names, and refuses a name it
 * does not know.
 */
class PhaseWorkerTest {
  @TempDir Path dir;

  final Clock clock = Clock.fixed(Instant.parse("2026-01-02T10:00:00Z"), ZoneOffset.UTC);
  final RunEvents events = new RunEvents(clock);

  @Test
  void theRunEntersThePhaseTheElementNamesOnceAndOnlyForward() {
    RunJournal journal = new RunJournal(dir, clock);
    RunRegistry runs = new RunRegistry(clock, events, journal);
    runs.register("run-1", "request");
    PhaseWorker worker = new PhaseWorker(runs);

    worker.enter("run-1", "SubProcess_Distribute", "DISTRIBUTE");
    worker.enter("run-1", "SubProcess_Poll", "POLL");
    worker.enter(
        "run-1",
        "SubProcess_Distribute",
        "DISTRIBUTE"); // a task put back: the run stays in the poll

    assertThat(runs.get("run-1").orElseThrow().phase()).isEqualTo(Phase.POLL);
    assertThat(events.of("run-1"))
        .filteredOn(e -> e.kind().equals("phase"))
        .extracting(RunEvent::message)
        .containsExactly("phase 2. Distribute", "phase 3. Poll & redistribute");
  }

  @Test
  void aPhaseTheModelMisspellsIsOneSentenceNamingTheElementAndTheNamesAllowed() {
    RunRegistry runs = new RunRegistry(clock, events, new RunJournal(dir, clock));
    runs.register("run-1", "request");
    PhaseWorker worker = new PhaseWorker(runs);

    assertThatThrownBy(() -> worker.enter("run-1", "SubProcess_Test", "TESTING"))
        .hasMessage(
            "element SubProcess_Test starts the phase listener with runPhase = 'TESTING'; its input must"
                + " name one of DECOMPOSE, DISTRIBUTE, POLL, TEST, REPORT");
    assertThatThrownBy(() -> worker.enter("run-1", "SubProcess_Test", null))
        .hasMessageContaining("runPhase = nothing");
    assertThatThrownBy(() -> worker.enter("run-1", "SubProcess_Test", "DONE"))
        .as("an end is for the report step to reach, not a phase to enter")
        .hasMessageContaining("'DONE'");
    assertThat(runs.get("run-1").orElseThrow().phase()).isEqualTo(Phase.DECOMPOSE);
  }
}
