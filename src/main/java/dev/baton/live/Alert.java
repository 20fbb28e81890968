package dev.baton.live;

import dev.baton.run.EventLine;
import dev.baton.run.Happened;
import java.time.Instant;

/**
 * Something only a person can settle ("needs you"): Baton does not answer dialogs, cannot lift a
 * usage limit, restart a CLI, resolve an incident or fix a feature that still fails after its last
 * Ralph cycle.
 *
 * @param key what makes two alerts the same one (kind, run, agent or task), so an alert is raised
 *     once
 * @param kind dialog, usage-limit, exited, incident, failing
 * @param agent the agent concerned, or null
 * @param taskId the task concerned, or null
 * @param message what Baton saw
 * @param action what the person can do
 */
public record Alert(
    String key,
    Instant at,
    String runId,
    String kind,
    String agent,
    String taskId,
    String message,
    String action) {

  /** One line for a terminal and the run's transitions. */
  public String line() {
    return EventLine.of(new Happened.NeedsYou(taskId, agent, kind, message, action));
  }
}
