package dev.baton.ops;

import io.camunda.client.CamundaClient;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** "engine": the workflow engine answers a topology request within the probe timeout. */
@Component
class EngineHealthIndicator implements HealthIndicator {
  private final ObjectProvider<CamundaClient> client;
  private final OpsProperties properties;

  EngineHealthIndicator(ObjectProvider<CamundaClient> client, OpsProperties properties) {
    this.client = client;
    this.properties = properties;
  }

  @Override
  public Health health() {
    CamundaClient camunda = client.getIfAvailable();
    if (camunda == null) {
      return Health.down().withDetail("reason", "no engine client in this process").build();
    }
    try {
      var topology =
          camunda
              .newTopologyRequest()
              .requestTimeout(properties.probeTimeout())
              .send()
              .get(properties.probeTimeout().toMillis() + 500, TimeUnit.MILLISECONDS);
      return Health.up()
          .withDetail("gateway", String.valueOf(camunda.getConfiguration().getGrpcAddress()))
          .withDetail("brokers", topology.getBrokers().size())
          .withDetail("gatewayVersion", String.valueOf(topology.getGatewayVersion()))
          .build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Health.down().withDetail("reason", "interrupted").build();
    } catch (Exception e) {
      return Health.down()
          .withDetail("gateway", String.valueOf(camunda.getConfiguration().getGrpcAddress()))
          .withDetail("reason", "no answer to a topology request: " + e.getClass().getSimpleName())
          .build();
    }
  }
}
