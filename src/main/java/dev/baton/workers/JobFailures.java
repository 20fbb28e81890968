package dev.baton.workers;

import dev.baton.process.ErrorCodes;
import dev.baton.process.JobTypes;
import dev.baton.process.Variables;
import dev.baton.run.Happened;
import dev.baton.run.RunEvents;
import dev.baton.tmux.TmuxServerNotRunningException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.BpmnError;
import io.camunda.client.exception.CamundaError;
import io.camunda.client.exception.JobError;
import io.camunda.client.jobhandling.CommandExceptionHandlingStrategy;
import io.camunda.client.jobhandling.DefaultJobExceptionHandlingStrategy;
import io.camunda.client.jobhandling.JobExceptionHandlingStrategy;
import io.camunda.client.metrics.MetricsRecorder;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What happens when a worker throws. The client's default fails the job for an immediate retry, so
 * a hiccup that lasts a few milliseconds longer than the model's three retries (a board row erased
 * by an agent's stale write until the next reconciliation, a tmux server busy for a moment) turned
 * into an incident at once and the task stopped without a word. Here every failure waits {@code
 * baton.job-retry-backoff} before its retry (the model's {@code retries} attribute sets how many),
 * is logged with its job type and task, and the last one, which leaves an incident, becomes an
 * {@code incident} run event that the CLI, the page and the report show. BPMN errors and failures
 * that chose their own retries and back-off are passed through unchanged. A step that found the
 * agents' tmux server gone is not retried: it raises the model's {@code RUN_FAILED}, which puts the
 * run's tasks back and writes its report, and the run gets one {@code agents-lost} event.
 */
@Component
public class JobFailures implements JobExceptionHandlingStrategy {
  private static final Logger LOG = LoggerFactory.getLogger(JobFailures.class);

  private final DefaultJobExceptionHandlingStrategy delegate;
  private final RunEvents events;
  private final Duration backoff;
  private final Set<String> announced = ConcurrentHashMap.newKeySet();

  /**
   * The steps of the run's end itself: there is nothing further to route them to, they are retried.
   */
  private static final Set<String> ENDING = Set.of(JobTypes.ABORT_RUN, JobTypes.REPORT);

  public JobFailures(
      CommandExceptionHandlingStrategy commands,
      MetricsRecorder metrics,
      RunEvents events,
      @Value("${baton.job-retry-backoff:5s}") Duration backoff) {
    if (backoff.isNegative()) {
      throw new IllegalArgumentException(
          "baton.job-retry-backoff must not be negative, got " + backoff);
    }
    this.delegate = new DefaultJobExceptionHandlingStrategy(commands, metrics);
    this.events = events;
    this.backoff = backoff;
  }

  @Override
  public void handleException(Exception e, ExceptionHandlingContext context) throws Exception {
    if (e instanceof BpmnError) {
      delegate.handleException(e, context);
      return;
    }
    ActivatedJob job = context.job();
    Optional<TmuxServerNotRunningException> gone = AgentsLost.cause(e);
    Object run = variables(job).get("runId");
    if (gone.isPresent() && run != null && !ENDING.contains(job.getType())) {
      String reason = AgentsLost.reason(gone.get());
      if (announced.add(run.toString())) {
        Object task = variables(job).get("taskId");
        events.emit(
            run.toString(), new Happened.AgentsLost(task == null ? null : task.toString(), reason));
      }
      LOG.warn("{} for run {}: {}", job.getType(), run, reason);
      delegate.handleException(
          CamundaError.bpmnError(
              ErrorCodes.RUN_FAILED, reason, Map.of(Variables.FAILURE_REASON, reason)),
          context);
      return;
    }
    JobError chosen = e instanceof JobError j ? j : null;
    int retries =
        chosen != null && chosen.getRetries() != null ? chosen.getRetries() : job.getRetries() - 1;
    Duration wait =
        chosen != null && chosen.getRetryBackoff() != null ? chosen.getRetryBackoff() : backoff;
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Map<String, Object> variables = variables(job);
    Object taskId = variables.get("taskId");
    if (retries > 0) {
      LOG.warn(
          "{} for {} failed ({} retries left, next in {} ms): {}",
          job.getType(),
          taskId == null ? "the run" : taskId,
          retries,
          wait.toMillis(),
          message);
    } else {
      LOG.error("{} for {} failed for the last time: {}", job.getType(), taskId, message, e);
      Object runId = variables.get("runId");
      if (runId != null) {
        events.emit(
            runId.toString(),
            new Happened.Incident(
                taskId == null ? null : taskId.toString(), job.getType(), message));
      }
    }
    delegate.handleException(
        CamundaError.jobError(
            message, chosen == null ? null : chosen.getVariables(), Math.max(retries, 0), wait, e),
        context);
  }

  private static Map<String, Object> variables(ActivatedJob job) {
    try {
      return job.getVariablesAsMap();
    } catch (RuntimeException e) {
      return Map.of();
    }
  }
}
