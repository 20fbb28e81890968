package dev.baton.tasks;

import dev.baton.run.JournalEntry;
import dev.baton.run.RunJournal;
import dev.baton.run.RunProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A Baton that starts on a workdir with unfinished runs (it was stopped, even by kill -9) carries them to their
 * report before anything else: the method promises a run goes to the end with no human in between.
 */
@Component
public class ResumeOnStart {
  private static final Logger LOG = LoggerFactory.getLogger(ResumeOnStart.class);

  private final RunJournal journal;
  private final Resumption resumption;
  private final RunProperties props;

  public ResumeOnStart(RunJournal journal, Resumption resumption, RunProperties props) {
    this.journal = journal;
    this.resumption = resumption;
    this.props = props;
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
      }
    }
  }
}
