package dev.baton.api;

/** Answer to {@code POST /api/runs}: where to follow the run. */
public record StartedRun(String runId, long processInstanceKey, String location) {}
