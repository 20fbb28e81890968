package dev.baton.run;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model's parameters for one run. Defaults come from configuration; a request may override any
 * of them. They travel as process variables, so the model (and a person editing it) reads them as
 * {@code =pollInterval}.
 *
 * @param stallPolls polls in a row with the agent busy and neither its screen nor the board
 *     changing before it is interrupted (then, if it stays so, the task is reassigned)
 * @param taskTimeout how long one agent may hold a task before it is interrupted, then the task
 *     reassigned
 * @param stallLimit how long nothing may move in the whole run before it is ended with a report
 * @param idleNudgeLimit times the agent holding a task is found idle on it (every {@code
 *     baton.idle-nudge}) before it is interrupted (then, if it stays so, the task is reassigned);
 *     counted apart from the silent polls
 */
public record RunParameters(
    Duration pollInterval,
    int inactivePolls,
    int maxRalphCycles,
    int submitRetries,
    int stallPolls,
    Duration taskTimeout,
    Duration stallLimit,
    int idleNudgeLimit) {

  /** The shipped limits, used where a caller sets only the first four parameters. */
  public static final int DEFAULT_STALL_POLLS = 5;

  public static final int DEFAULT_IDLE_NUDGE_LIMIT = 2;

  public static final Duration DEFAULT_TASK_TIMEOUT = Duration.ofMinutes(45);
  public static final Duration DEFAULT_STALL_LIMIT = Duration.ofMinutes(30);

  public RunParameters {
    requirePositive("pollInterval", pollInterval);
    if (inactivePolls < 1) {
      throw new IllegalArgumentException("inactivePolls must be at least 1, got " + inactivePolls);
    }
    if (maxRalphCycles < 1) {
      throw new IllegalArgumentException(
          "maxRalphCycles must be at least 1, got " + maxRalphCycles);
    }
    if (submitRetries < 0) {
      throw new IllegalArgumentException(
          "submitRetries must not be negative, got " + submitRetries);
    }
    if (stallPolls < 1) {
      throw new IllegalArgumentException("stallPolls must be at least 1, got " + stallPolls);
    }
    requirePositive("taskTimeout", taskTimeout);
    requirePositive("stallLimit", stallLimit);
    if (idleNudgeLimit < 1) {
      throw new IllegalArgumentException(
          "idleNudgeLimit must be at least 1, got " + idleNudgeLimit);
    }
  }

  public RunParameters(
      Duration pollInterval,
      int inactivePolls,
      int maxRalphCycles,
      int submitRetries,
      int stallPolls,
      Duration taskTimeout,
      Duration stallLimit) {
    this(
        pollInterval,
        inactivePolls,
        maxRalphCycles,
        submitRetries,
        stallPolls,
        taskTimeout,
        stallLimit,
        DEFAULT_IDLE_NUDGE_LIMIT);
  }

  public RunParameters(
      Duration pollInterval, int inactivePolls, int maxRalphCycles, int submitRetries) {
    this(
        pollInterval,
        inactivePolls,
        maxRalphCycles,
        submitRetries,
        DEFAULT_STALL_POLLS,
        DEFAULT_TASK_TIMEOUT,
        DEFAULT_STALL_LIMIT);
  }

  public static RunParameters defaults(RunProperties props) {
    return new RunParameters(
        props.pollInterval(),
        props.inactivePolls(),
        props.maxRalphCycles(),
        props.submitRetries(),
        props.stallPolls(),
        props.taskTimeout(),
        props.stallLimit(),
        props.idleNudges());
  }

  /** Applies the non-null overrides on top of these values. */
  public RunParameters with(
      Duration pollInterval, Integer inactivePolls, Integer maxRalphCycles, Integer submitRetries) {
    return new RunParameters(
        pollInterval != null ? pollInterval : this.pollInterval,
        inactivePolls != null ? inactivePolls : this.inactivePolls,
        maxRalphCycles != null ? maxRalphCycles : this.maxRalphCycles,
        submitRetries != null ? submitRetries : this.submitRetries,
        stallPolls,
        taskTimeout,
        stallLimit,
        idleNudgeLimit);
  }

  /** Applies the non-null overrides of the limits for stuck agents and stalled runs. */
  public RunParameters withLimits(Integer stallPolls, Duration taskTimeout, Duration stallLimit) {
    return new RunParameters(
        pollInterval,
        inactivePolls,
        maxRalphCycles,
        submitRetries,
        stallPolls != null ? stallPolls : this.stallPolls,
        taskTimeout != null ? taskTimeout : this.taskTimeout,
        stallLimit != null ? stallLimit : this.stallLimit,
        idleNudgeLimit);
  }

  public Map<String, Object> asVariables() {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("pollInterval", pollInterval.toString());
    vars.put("inactivePolls", inactivePolls);
    vars.put("maxRalphCycles", maxRalphCycles);
    vars.put("submitRetries", submitRetries);
    vars.put("stallPolls", stallPolls);
    vars.put("taskTimeout", taskTimeout.toString());
    vars.put("stallLimit", stallLimit.toString());
    vars.put("idleNudgeLimit", idleNudgeLimit);
    return vars;
  }

  private static void requirePositive(String name, Duration d) {
    if (d == null || d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
    }
  }
}
