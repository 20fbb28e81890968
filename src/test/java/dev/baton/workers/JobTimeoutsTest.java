package dev.baton.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.process.JobTypes;
import io.camunda.client.annotation.value.JobWorkerValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class JobTimeoutsTest {

  private static dev.baton.run.RunProperties props(String testTimeout) {
    return new Binder(new MapConfigurationPropertySource(Map.of("baton.test-timeout", testTimeout)))
        .bindOrCreate("baton", dev.baton.run.RunProperties.class);
  }

  private static JobWorkerValue worker(String type, Duration timeout) {
    JobWorkerValue value = new JobWorkerValue();
    value.setType(type);
    value.setTimeout(timeout);
    return value;
  }

  @Test
  void theCheckTestLockOutlastsTheTestTimeoutAndOtherWorkersKeepTheirs() {
    JobTimeouts timeouts = new JobTimeouts(props("10m"));
    JobWorkerValue check = worker(JobTypes.CHECK_TEST, Duration.ofMinutes(5));
    JobWorkerValue poll = worker(JobTypes.CHECK_STATUS, Duration.ofMinutes(5));
    for (JobWorkerValue w : List.of(check, poll)) {
      timeouts.customize(w);
    }
    assertThat(check.getTimeout()).isEqualTo(Duration.ofMinutes(11));
    assertThat(poll.getTimeout()).isEqualTo(Duration.ofMinutes(5));

    JobWorkerValue longer = worker(JobTypes.CHECK_TEST, Duration.ofHours(1));
    timeouts.customize(longer);
    assertThat(longer.getTimeout()).as("a longer lock set on purpose stays").isEqualTo(Duration.ofHours(1));
  }
}
