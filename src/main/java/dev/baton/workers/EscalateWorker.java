package dev.baton.workers;

import dev.baton.agents.AgentPool;
import dev.baton.board.TaskBoard;
import dev.baton.process.JobTypes;
import dev.baton.run.Happened;
import dev.baton.run.JournalEntry;
import dev.baton.run.RunEvents;
import dev.baton.run.RunJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Ralph ran out of cycles: the feature is recorded as failing (the report shows each cycle) and the
 * run moves on to its report instead of looping.
 */
@Component
public class EscalateWorker {
  private final AgentPool pool;
  private final TaskBoard board;
  private final RunJournal journal;
  private final RunEvents events;
  private final Clock clock;

  public EscalateWorker(
      AgentPool pool, TaskBoard board, RunJournal journal, RunEvents events, Clock clock) {
    this.pool = pool;
    this.board = board;
    this.journal = journal;
    this.events = events;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.ESCALATE)
  public void escalate(
      @Variable String runId,
      @Variable String testId,
      @Variable String featureId,
      @Variable(optional = true) String agent,
      @Variable(optional = true) Integer ralphCycle) {
    int cycles = ralphCycle == null ? 1 : ralphCycle;
    if (agent != null) {
      pool.release(testId, agent);
    }
    board.block(testId, "FAILED after " + cycles + " Ralph cycle(s): reported to the user");
    journal.test(
        runId,
        new JournalEntry.TestOutcome(
            clock.instant(),
            featureId,
            testId,
            cycles,
            "escalated",
            "still failing after " + cycles + " cycles"));
    events.emit(runId, new Happened.Escalated(testId, agent, featureId, cycles));
  }
}
