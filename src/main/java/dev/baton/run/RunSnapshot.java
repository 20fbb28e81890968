package dev.baton.run;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What is known of one run at one moment. Replaced whole on every change, so readers (REST,
 * terminal progress) never see half an update.
 */
public record RunSnapshot(
    String runId,
    long processInstanceKey,
    String request,
    Phase phase,
    Instant startedAt,
    Instant finishedAt,
    Path reportPath) {

  public RunSnapshot withPhase(Phase next) {
    return new RunSnapshot(
        runId, processInstanceKey, request, next, startedAt, finishedAt, reportPath);
  }

  public RunSnapshot withKey(long key) {
    return new RunSnapshot(runId, key, request, phase, startedAt, finishedAt, reportPath);
  }

  public RunSnapshot finished(Phase end, Instant at, Path report) {
    return new RunSnapshot(runId, processInstanceKey, request, end, startedAt, at, report);
  }
}
