package dev.baton.live;

/**
 * An open incident, so the page can say what went wrong where.
 *
 * @param elementId element the incident sits on
 * @param errorType the engine's error type (JOB_NO_RETRIES, …)
 * @param errorMessage the engine's message (for a failed job: the worker's last error)
 */
public record IncidentNote(String elementId, String errorType, String errorMessage) {}
