package dev.baton.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.agents.AgentState;
import dev.baton.agents.InterruptResult;
import dev.baton.run.EventLine;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterruptMessageTest {

  @Test
  void theFirstLineSaysWhyAndWhatWasDoneAndNeverEndsOnTheScreenClause() {
    String empty =
        EventLine.of(
            InterruptWorker.interrupted(
                "T-001",
                "AMP",
                InterruptWorker.why(null, 2, 0),
                new InterruptResult(false, false, AgentState.IDLE),
                List.of("", " ")));
    assertThat(empty)
        .isEqualTo(
            "silent for 2 poll(s): interrupted with no key (it was not busy) and prompted again; its screen was empty");

    String stuck =
        EventLine.of(
            InterruptWorker.interrupted(
                "T-001",
                "AMP",
                InterruptWorker.why(null, 0, 5),
                new InterruptResult(true, true, AgentState.IDLE),
                List.of("⠋ Working on T-001 (412s • esc to interrupt)", "› ", "")));
    assertThat(stuck.lines().findFirst().orElseThrow())
        .isEqualTo(
            "busy with no change on its screen or the board for 5 poll(s): interrupted with Escape, then C-c"
                + " and prompted again; its screen ended with `›`:");
    assertThat(InterruptWorker.why("overdue", 0, 0)).contains("taskTimeout");
  }
}
