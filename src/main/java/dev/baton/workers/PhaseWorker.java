package dev.baton.workers;

import dev.baton.process.JobTypes;
import dev.baton.process.Variables;
import dev.baton.run.Phase;
import dev.baton.run.RunRegistry;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import java.util.Arrays;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Where a run stands is the model's to say: each phase's sub-process carries a start execution
 * listener of this type and names its phase in the input {@code runPhase}, so moving, adding or
 * renaming a phase is an edit in the Modeler and no step of the work has to remember which phase it
 * belongs to.
 */
@Component
public class PhaseWorker {
  private final RunRegistry runs;

  public PhaseWorker(RunRegistry runs) {
    this.runs = runs;
  }

  @JobWorker(type = JobTypes.PHASE)
  public void enter(
      ActivatedJob job, @Variable String runId, @Variable(optional = true) String runPhase) {
    enter(runId, job.getElementId(), runPhase);
  }

  void enter(String runId, String elementId, String runPhase) {
    runs.phase(runId, phaseOf(elementId, runPhase));
  }

  /**
   * The phase an element names; an unknown or missing name is a mistake in the model and becomes an
   * incident on that element at once (no retries: retrying cannot fix the model).
   */
  static Phase phaseOf(String elementId, String name) {
    if (name != null) {
      for (Phase phase : Phase.values()) {
        if (!phase.finished() && phase.name().equals(name.strip())) {
          return phase;
        }
      }
    }
    String known =
        String.join(
            ", ",
            Arrays.stream(Phase.values()).filter(p -> !p.finished()).map(Phase::name).toList());
    throw CamundaError.jobError(
        "element "
            + elementId
            + " starts the phase listener with "
            + Variables.RUN_PHASE
            + " = "
            + (name == null ? "nothing" : "'" + name + "'")
            + "; its input must name one of "
            + known,
        Map.of(),
        0);
  }
}
