package dev.baton.workers;

import dev.baton.process.JobTypes;
import dev.baton.run.RunProperties;
import io.camunda.client.annotation.customizer.JobWorkerValueCustomizer;
import io.camunda.client.annotation.value.JobWorkerValue;
import java.time.Duration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Long work must not outlive its job lock: the check-test step runs the test command inside the job for up to
 * {@code baton.test-timeout}, and a lock shorter than that (the client's default is 5 minutes) would let the engine
 * hand the same job to another thread mid-run. Its worker's job timeout is the test timeout plus a margin for
 * starting and stopping the command. Applied after the property-based defaults, so it wins over them.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class JobTimeouts implements JobWorkerValueCustomizer {
  /** Time beyond the test timeout: killing a hung suite, reading its output, completing the job. */
  static final Duration MARGIN = Duration.ofMinutes(1);

  private final RunProperties props;

  public JobTimeouts(RunProperties props) {
    this.props = props;
  }

  @Override
  public void customize(JobWorkerValue worker) {
    if (JobTypes.CHECK_TEST.equals(worker.getType())) {
      Duration needed = props.testTimeout().plus(MARGIN);
      if (worker.getTimeout() == null || worker.getTimeout().compareTo(needed) < 0) {
        worker.setTimeout(needed);
      }
    }
  }
}
