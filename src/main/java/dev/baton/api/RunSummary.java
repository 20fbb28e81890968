package dev.baton.api;

import dev.baton.run.RunSnapshot;
import java.time.Instant;

/** A run in a list: enough to pick one. */
public record RunSummary(
    String runId,
    long processInstanceKey,
    String phase,
    String phaseLabel,
    boolean finished,
    Instant startedAt,
    Instant finishedAt,
    String request) {

  public static RunSummary of(RunSnapshot run) {
    return new RunSummary(
        run.runId(),
        run.processInstanceKey(),
        run.phase().name(),
        run.phase().label(),
        run.phase().finished(),
        run.startedAt(),
        run.finishedAt(),
        run.request());
  }
}
