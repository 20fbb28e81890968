package dev.baton.process;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.LoopbackEngineFactory;
import java.net.URI;
import java.time.Duration;

/**
 * A fresh in-memory engine, wired as Baton wires its embedded one, with a client that reaches it
 * over gRPC as it would an external one.
 */
record LoopbackEngine(ZeebeTestEngine engine, CamundaClient client) implements AutoCloseable {

  static LoopbackEngine start() {
    ZeebeTestEngine engine = LoopbackEngineFactory.create(LoopbackPort.free());
    engine.start();
    CamundaClient client =
        CamundaClient.newClientBuilder()
            .grpcAddress(
                URI.create("http://127.0.0.1:" + engine.getGatewayAddress().replaceAll(".*:", "")))
            .preferRestOverGrpc(false)
            .defaultRequestTimeout(Duration.ofSeconds(10))
            .build();
    return new LoopbackEngine(engine, client);
  }

  @Override
  public void close() {
    client.close();
    engine.stop();
  }
}
