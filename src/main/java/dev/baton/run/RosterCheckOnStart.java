package dev.baton.run;

import dev.baton.agents.AgentRoster;
import dev.baton.agents.RosterValidator;
import dev.baton.agents.TmuxProperties;
import dev.baton.tmux.TmuxClient;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checks the roster against tmux before anything is typed. A missing pane refuses the start (a typo
 * in a window name must not silently shrink the team), except when a journaled run is resumed: an
 * agent whose window closed while Baton was down is what a run meets mid-way anyway, so the run
 * goes on with the others and that agent reads as dead, its task reassigned. Two agents on one
 * pane, or a bad target, always refuse.
 */
@Component
public class RosterCheckOnStart {
  private static final Logger LOG = LoggerFactory.getLogger(RosterCheckOnStart.class);

  public RosterCheckOnStart(
      AgentRoster roster,
      TmuxClient tmux,
      TmuxProperties props,
      RunJournal journal,
      RunProperties runs) {
    if (!props.verifyOnStart() || roster.all().isEmpty()) {
      return;
    }
    RosterValidator.Findings found = new RosterValidator(tmux).check(roster);
    if (found.clean()) {
      return;
    }
    List<JournalEntry> resumed = runs.resume() ? journal.unfinished() : List.of();
    if (resumed.isEmpty() || !found.resumableWith(roster.all().size())) {
      found.throwIfAny();
    }
    String runIds = String.join(", ", resumed.stream().map(JournalEntry::runId).toList());
    if (found.serverDown() != null) {
      LOG.warn(
          "{}; resuming {} to its end: its agents are gone, so it fails with its report",
          found.serverDown(),
          runIds);
    }
    for (String missing : found.missing()) {
      LOG.warn(
          "{}; resuming {} without it: it reads as dead and its task goes to another agent",
          missing,
          runIds);
    }
  }
}
