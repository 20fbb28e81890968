package dev.baton.workers;

import dev.baton.process.JobTypes;
import io.camunda.client.spring.properties.CamundaClientJobWorkerProperties;
import io.camunda.client.spring.properties.CamundaClientProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Long work must not outlive its job lock: the check-test step runs the test command inside the job
 * for up to {@code baton.test-timeout}, and a lock shorter than that (the client's default is 5
 * minutes) let the engine hand the same job to another thread mid-run. The check-test worker's job
 * timeout is set to the test timeout plus a margin through the client's own per-type override
 * ({@code camunda.client.worker.override.baton.check-test}), which wins over {@code
 * camunda.client.worker.defaults}; a longer override set on purpose stays.
 */
@Component
public class JobTimeouts implements BeanPostProcessor, EnvironmentAware {
  /** Time beyond the test timeout: killing a hung suite, reading its output, completing the job. */
  static final Duration MARGIN = Duration.ofMinutes(1);

  private Duration testTimeout = Duration.ofMinutes(10);

  @Override
  public void setEnvironment(Environment environment) {
    testTimeout =
        Binder.get(environment).bind("baton.test-timeout", Duration.class).orElse(testTimeout);
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof CamundaClientProperties client) {
      lockTestRuns(client, testTimeout);
    }
    return bean;
  }

  static void lockTestRuns(CamundaClientProperties client, Duration testTimeout) {
    Duration needed = testTimeout.plus(MARGIN);
    Map<String, CamundaClientJobWorkerProperties> overrides =
        client.getWorker().getOverride() == null
            ? new HashMap<>()
            : new HashMap<>(client.getWorker().getOverride());
    CamundaClientJobWorkerProperties check =
        overrides.computeIfAbsent(
            JobTypes.CHECK_TEST, type -> new CamundaClientJobWorkerProperties());
    if (check.getTimeout() == null || check.getTimeout().compareTo(needed) < 0) {
      check.setTimeout(needed);
    }
    client.getWorker().setOverride(overrides);
  }
}
