package dev.baton.run;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model's parameters for one run. Defaults come from configuration; a request may override any of them.
 * They travel as process variables, so the model (and a person editing it) reads them as {@code =pollInterval}.
 */
public record RunParameters(
    Duration pollInterval, int inactivePolls, int maxRalphCycles, int submitRetries) {

  public RunParameters {
    if (pollInterval == null || pollInterval.isZero() || pollInterval.isNegative()) {
      throw new IllegalArgumentException("pollInterval must be a positive duration, got " + pollInterval);
    }
    if (inactivePolls < 1) {
      throw new IllegalArgumentException("inactivePolls must be at least 1, got " + inactivePolls);
    }
    if (maxRalphCycles < 1) {
      throw new IllegalArgumentException("maxRalphCycles must be at least 1, got " + maxRalphCycles);
    }
    if (submitRetries < 0) {
      throw new IllegalArgumentException("submitRetries must not be negative, got " + submitRetries);
    }
  }

  public static RunParameters defaults(RunProperties props) {
    return new RunParameters(
        props.pollInterval(), props.inactivePolls(), props.maxRalphCycles(), props.submitRetries());
  }

  /** Applies the non-null overrides on top of these values. */
  public RunParameters with(
      Duration pollInterval, Integer inactivePolls, Integer maxRalphCycles, Integer submitRetries) {
    return new RunParameters(
        pollInterval != null ? pollInterval : this.pollInterval,
        inactivePolls != null ? inactivePolls : this.inactivePolls,
        maxRalphCycles != null ? maxRalphCycles : this.maxRalphCycles,
        submitRetries != null ? submitRetries : this.submitRetries);
  }

  public Map<String, Object> asVariables() {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("pollInterval", pollInterval.toString());
    vars.put("inactivePolls", inactivePolls);
    vars.put("maxRalphCycles", maxRalphCycles);
    vars.put("submitRetries", submitRetries);
    return vars;
  }
}
