package dev.baton.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One transition of a run, stamped: when, which run, and {@link Happened what} with its facts. The
 * terminal progress, the logs, the live page, the API and the report all consume the same stream;
 * the accessors below give every consumer the same task, agent, kind word and sentence, so the
 * API's JSON keeps its {@code at, runId, taskId, agent, kind, message} shape and adds the typed
 * facts under {@code what}.
 */
public record RunEvent(Instant at, String runId, Happened what) {

  /** The task concerned, or null for run-level events. */
  @JsonProperty(access = JsonProperty.Access.READ_ONLY)
  public String taskId() {
    return what.taskId();
  }

  /** The agent concerned, or null. */
  @JsonProperty(access = JsonProperty.Access.READ_ONLY)
  public String agent() {
    return what.agent();
  }

  /**
   * A stable word (prompted, completed, blocked, reassigned, interrupted, phase, …) for filters and
   * styles.
   */
  @JsonProperty(access = JsonProperty.Access.READ_ONLY)
  public String kind() {
    return what.kind();
  }

  /** The sentence people read, from {@link EventLine}. */
  @JsonProperty(access = JsonProperty.Access.READ_ONLY)
  public String message() {
    return EventLine.of(what);
  }
}
