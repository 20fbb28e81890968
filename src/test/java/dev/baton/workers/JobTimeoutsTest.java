package dev.baton.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.process.JobTypes;
import io.camunda.client.spring.properties.CamundaClientJobWorkerProperties;
import io.camunda.client.spring.properties.CamundaClientProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobTimeoutsTest {

  @Test
  void theCheckTestLockOutlastsTheTestTimeoutAndALongerOneSetOnPurposeStays() {
    CamundaClientProperties client = new CamundaClientProperties();
    JobTimeouts.lockTestRuns(client, Duration.ofMinutes(10));
    assertThat(client.getWorker().getOverride().get(JobTypes.CHECK_TEST).getTimeout())
        .isEqualTo(Duration.ofMinutes(11));
    assertThat(client.getWorker().getOverride()).containsOnlyKeys(JobTypes.CHECK_TEST);

    CamundaClientProperties longer = new CamundaClientProperties();
    CamundaClientJobWorkerProperties hour = new CamundaClientJobWorkerProperties();
    hour.setTimeout(Duration.ofHours(1));
    longer.getWorker().setOverride(new HashMap<>(Map.of(JobTypes.CHECK_TEST, hour)));
    JobTimeouts.lockTestRuns(longer, Duration.ofMinutes(10));
    assertThat(longer.getWorker().getOverride().get(JobTypes.CHECK_TEST).getTimeout())
        .isEqualTo(Duration.ofHours(1));
  }
}
