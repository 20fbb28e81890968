package dev.baton.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.LoopbackEngineFactory;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

class EngineSeamTest {

  /** A bare application: the seam must work without Baton's own beans (no component scan). */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Bare {}

  private static ConfigurableApplicationContext start(String... args) {
    return new SpringApplicationBuilder(Bare.class)
        .web(org.springframework.boot.WebApplicationType.NONE)
        .run(args);
  }

  @Test
  void embeddedModeStartsEngineOnLoopbackAndPointsTheClientAtIt() throws Exception {
    try (var ctx = start("--baton.engine-port=0")) {
      var engine = ctx.getBean(EngineSeam.ENGINE_BEAN, EngineSeam.EmbeddedEngine.class);
      assertThat(engine.port()).isPositive();
      CamundaClient client = ctx.getBean(CamundaClient.class);
      var topology = client.newTopologyRequest().send().join();
      assertThat(topology.getBrokers()).hasSize(1);

      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", engine.port()), 2000);
        assertThat(s.isConnected()).isTrue();
      }
      Optional<InetAddress> external = firstNonLoopbackAddress();
      if (external.isPresent()) {
        assertThatThrownBy(
                () -> {
                  try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(external.get(), engine.port()), 2000);
                  }
                })
            .as("gateway must not listen on %s", external.get())
            .isInstanceOf(IOException.class);
      }
    }
  }

  @Test
  void theEngineStartsWhileTheContextIsBuiltAndClientsWaitForIt() {
    var context = new org.springframework.context.support.GenericApplicationContext();
    org.springframework.test.context.support.TestPropertySourceUtils
        .addInlinedPropertiesToEnvironment(context, "baton.engine-port=0");
    new EngineSeam().initialize(context);
    var engine =
        context.getBeanFactory().getBean(EngineSeam.ENGINE_BEAN, EngineSeam.EmbeddedEngine.class);
    try {
      // the initializer hands back at once: the engine takes its seconds on its own thread
      assertThat(engine.startEnded()).isFalse();
      context.registerBean(
          CamundaClient.class,
          () ->
              CamundaClient.newClientBuilder()
                  .grpcAddress(URI.create("http://127.0.0.1:" + engine.port()))
                  .preferRestOverGrpc(false)
                  .build());
      context.refresh();
      // the client bean was handed out only once the engine listened
      assertThat(engine.startEnded()).isTrue();
      assertThat(
              context.getBean(CamundaClient.class).newTopologyRequest().send().join().getBrokers())
          .hasSize(1);
    } finally {
      context.close();
    }
  }

  @Test
  void anEngineThatCannotListenStillFailsTheStartWithItsSentence() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> start("--baton.engine-port=" + taken.getLocalPort()).close())
          .hasStackTraceContaining(
              "The embedded engine could not listen on 127.0.0.1:" + taken.getLocalPort());
    }
  }

  @Test
  void embeddedEngineIsStoppedWhenTheContextCloses() throws Exception {
    int port;
    try (var ctx = start("--baton.engine-port=0")) {
      port = ctx.getBean(EngineSeam.ENGINE_BEAN, EngineSeam.EmbeddedEngine.class).port();
    }
    // the gateway's listener closes asynchronously after stop(): the port must come free within
    // moments, not never
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .ignoreException(java.net.BindException.class)
        .until(
            () -> {
              try (ServerSocket again =
                  new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
                return again.getLocalPort() == port;
              }
            });
  }

  @Test
  void externalModeStartsNothingAndUsesTheClientSettings() {
    ZeebeTestEngine outside = LoopbackEngineFactory.create(LoopbackPort.free());
    outside.start();
    try {
      String address = "http://127.0.0.1:" + outside.getGatewayAddress().split(":")[1];
      try (var ctx =
          start(
              "--baton.engine=external",
              "--camunda.client.mode=self-managed",
              "--camunda.client.grpc-address=" + address,
              "--camunda.client.prefer-rest-over-grpc=false")) {
        assertThat(ctx.containsBean(EngineSeam.ENGINE_BEAN)).isFalse();
        CamundaClient client = ctx.getBean(CamundaClient.class);
        assertThat(client.getConfiguration().getGrpcAddress()).isEqualTo(URI.create(address));
        assertThat(client.newTopologyRequest().send().join().getBrokers()).hasSize(1);
      }
    } finally {
      outside.stop();
    }
  }

  /**
   * {@code baton.engine=external} alone dials the engine docker-compose.yml starts, over gRPC for
   * everything: the client's own defaults deployed over REST to 0.0.0.0:8080 (or 8088 in
   * self-managed mode) and failed.
   */
  @Test
  void externalModeAloneUsesGrpcOnLoopbackAndUserSettingsWin() {
    try (var ctx = start("--baton.engine=external")) {
      var config = ctx.getBean(CamundaClient.class).getConfiguration();
      assertThat(config.getGrpcAddress()).isEqualTo(URI.create("http://127.0.0.1:26500"));
      assertThat(config.getRestAddress()).isEqualTo(URI.create("http://127.0.0.1:8080"));
      assertThat(config.preferRestOverGrpc()).isFalse();
    }
    try (var ctx =
        start(
            "--baton.engine=external",
            "--camunda.client.mode=self-managed",
            "--camunda.client.grpc-address=http://10.1.2.3:26500")) {
      var config = ctx.getBean(CamundaClient.class).getConfiguration();
      assertThat(config.getGrpcAddress()).isEqualTo(URI.create("http://10.1.2.3:26500"));
      assertThat(config.getRestAddress()).isEqualTo(URI.create("http://127.0.0.1:8080"));
      assertThat(config.preferRestOverGrpc()).isFalse();
    }
  }

  @Test
  void aPortAlreadyTakenGivesAClearError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> start("--baton.engine-port=" + taken.getLocalPort()).close())
          .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
          .hasMessageContaining("baton.engine-port");
    }
  }

  /**
   * The engine checks every model it is given. Its check must answer with the fault, not kill the
   * engine: with a mismatched XML model library on the classpath, the first fault found threw
   * NoSuchMethodError inside the stream processor and every later command timed out.
   */
  @Test
  void aModelTheEngineFindsFaultWithIsRejectedAndTheEngineKeepsServing() {
    try (var ctx = start("--baton.engine-port=0")) {
      CamundaClient client = ctx.getBean(CamundaClient.class);
      String faulty =
          """
          <?xml version="1.0" encoding="UTF-8"?>
          <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
            <bpmn:process id="faulty" isExecutable="true">
              <bpmn:startEvent id="start"><bpmn:outgoing>f</bpmn:outgoing></bpmn:startEvent>
              <bpmn:sequenceFlow id="f" sourceRef="start" targetRef="wait" />
              <bpmn:eventBasedGateway id="wait"><bpmn:incoming>f</bpmn:incoming></bpmn:eventBasedGateway>
            </bpmn:process>
          </bpmn:definitions>
          """;
      assertThatThrownBy(
              () ->
                  client
                      .newDeployResourceCommand()
                      .addResourceStringUtf8(faulty, "faulty.bpmn")
                      .send()
                      .join())
          .hasMessageContaining("faulty.bpmn")
          .hasMessageContaining("Event-based gateway");
      assertThat(client.newTopologyRequest().send().join().getBrokers()).hasSize(1);
      String fine = faulty.replace("eventBasedGateway", "endEvent");
      assertThat(
              client
                  .newDeployResourceCommand()
                  .addResourceStringUtf8(fine, "fine.bpmn")
                  .send()
                  .join()
                  .getProcesses())
          .hasSize(1);
    }
  }

  private static Optional<InetAddress> firstNonLoopbackAddress() throws IOException {
    return NetworkInterface.networkInterfaces()
        .filter(
            i -> {
              try {
                return i.isUp() && !i.isLoopback();
              } catch (IOException e) {
                return false;
              }
            })
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address)
        .findFirst();
  }
}
