package dev.baton.run;

import org.springframework.stereotype.Component;

/**
 * Cancelling a run: its agents are interrupted politely (Escape first), its open tasks (PENDING or
 * IN_PROGRESS) are closed as BLOCKED with the log note "cancelled with run R", and the pool forgets
 * them: they stay that run's, and no other run takes them.
 */
@Component
public class OpenTasksCanceller implements RunCanceller {
  private final RunJournal journal;
  private final OpenTasks open;
  private final RunEvents events;

  public OpenTasksCanceller(RunJournal journal, OpenTasks open, RunEvents events) {
    this.journal = journal;
    this.open = open;
    this.events = events;
  }

  @Override
  public void cancel(String runId) {
    if (journal.get(runId).isEmpty()) {
      return;
    }
    open.close(runId);
    events.emit(runId, new Happened.RunCancelled());
  }
}
