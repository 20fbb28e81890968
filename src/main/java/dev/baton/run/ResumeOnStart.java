package dev.baton.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A Baton that starts on a workdir with unfinished runs (it was stopped, even by kill -9) carries
 * them to their report before anything else: the method promises a run goes to the end with no
 * human in between. A request accepted while Baton was still starting is in the journal too; {@link
 * Resumption} leaves a run this Baton already carries alone, so no run ever gets two instances.
 */
@Component
public class ResumeOnStart {
  private static final Logger LOG = LoggerFactory.getLogger(ResumeOnStart.class);

  private final RunJournal journal;
  private final Resumption resumption;
  private final RunProperties props;
  private final RunEvents events;

  public ResumeOnStart(
      RunJournal journal, Resumption resumption, RunProperties props, RunEvents events) {
    this.journal = journal;
    this.resumption = resumption;
    this.props = props;
    this.events = events;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void resumeUnfinished() {
    if (!props.resume()) {
      return;
    }
    for (JournalEntry entry : journal.unfinished()) {
      try {
        resumption.resume(entry);
      } catch (RuntimeException e) {
        LOG.error("Could not resume {}: {}", entry.runId(), e.getMessage());
        events.emit(entry.runId(), new Happened.NotResumed(e.getMessage()));
      }
    }
  }
}
