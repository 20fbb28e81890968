package dev.baton.api;

import dev.baton.run.Phase;
import dev.baton.run.RunCanceller;
import dev.baton.run.RunRegistry;
import dev.baton.run.RunSnapshot;
import io.camunda.client.CamundaClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Cancels a run: the engine first, so no worker starts a new step, then the agents, then the run is
 * marked CANCELLED so whoever waits for it (a foreground {@code baton run}, a watcher) is released.
 */
@Service
public class RunCancellation {
  private static final Logger LOG = LoggerFactory.getLogger(RunCancellation.class);

  private final RunRegistry registry;
  private final ObjectProvider<CamundaClient> client;
  private final ObjectProvider<RunCanceller> canceller;

  public RunCancellation(
      RunRegistry registry,
      ObjectProvider<CamundaClient> client,
      ObjectProvider<RunCanceller> canceller) {
    this.registry = registry;
    this.client = client;
    this.canceller = canceller;
  }

  /**
   * @throws UnknownRunException for an id this Baton does not know
   * @throws RunAlreadyEndedException when the run has already ended
   */
  public CancelledRun cancel(String runId) {
    RunSnapshot run = registry.get(runId).orElseThrow(() -> new UnknownRunException(runId));
    if (run.phase().finished()) {
      throw new RunAlreadyEndedException(run);
    }
    boolean engineCancelled = cancelInstance(run);
    boolean agentsInterrupted = false;
    RunCanceller agents = canceller.getIfAvailable();
    if (agents != null) {
      agents.cancel(runId);
      agentsInterrupted = true;
    } else {
      LOG.warn("run={} cancelled without interrupting agents: no RunCanceller is wired", runId);
    }
    registry.finish(runId, Phase.CANCELLED, null);
    return new CancelledRun(runId, Phase.CANCELLED.name(), engineCancelled, agentsInterrupted);
  }

  private boolean cancelInstance(RunSnapshot run) {
    CamundaClient camunda = client.getIfAvailable();
    if (camunda == null || run.processInstanceKey() < 0) {
      return false;
    }
    try {
      camunda.newCancelInstanceCommand(run.processInstanceKey()).send().join();
      return true;
    } catch (RuntimeException e) {
      // The instance may have just ended on its own; the run is still marked cancelled below.
      LOG.warn(
          "run={} engine cancel of instance {} failed: {}",
          run.runId(),
          run.processInstanceKey(),
          e.getMessage());
      return false;
    }
  }

  /** Cancelling a run that has ended: 409 over HTTP. */
  public static class RunAlreadyEndedException extends RuntimeException {
    RunAlreadyEndedException(RunSnapshot run) {
      super(
          "run '"
              + run.runId()
              + "' has already ended ("
              + run.phase().label().toLowerCase()
              + ")");
    }
  }
}
