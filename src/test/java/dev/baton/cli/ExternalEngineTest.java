package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.process.EngineLease;
import dev.baton.process.LoopbackPort;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.LoopbackEngineFactory;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} against an external engine (an in-process engine reached over gRPC only, as a real
 * one is).
 */
@Tag("end-to-end")
class ExternalEngineTest {
  private static final String TINY =
      Paths.get("src/test/resources/cli/tiny.bpmn").toAbsolutePath().toString();
  private final Cli.Environment env = CliRunner.offline().withContexts(new SpringContexts());

  @TempDir Path dir;

  private CliRunner.Result run(int port) {
    return CliRunner.run(
        env,
        CliRunner.args(
            CliRunner.validSetup(dir),
            "run",
            "--baton.engine=external",
            "--baton.resume=false",
            "--camunda.client.grpc-address=http://127.0.0.1:" + port,
            "--baton.bpmn=" + TINY,
            "Build",
            "it"));
  }

  @Test
  void aSecondBatonOnTheSameEngineIsRefusedInOneSentence() {
    ZeebeTestEngine engine = LoopbackEngineFactory.create(LoopbackPort.free());
    engine.start();
    String port = engine.getGatewayAddress().replaceAll(".*:", "");
    try (CamundaClient other =
        CamundaClient.newClientBuilder()
            .grpcAddress(URI.create("http://127.0.0.1:" + port))
            .preferRestOverGrpc(false)
            .defaultRequestTimeout(Duration.ofSeconds(10))
            .build()) {
      EngineLease first = EngineLease.acquire(other, Clock.systemUTC(), "the first Baton's engine");
      try {
        var r = run(Integer.parseInt(port));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err())
            .startsWith(
                "baton: Baton could not start: another Baton is using the external engine at http://127.0.0.1:"
                    + port
                    + " (gRPC, camunda.client.grpc-address)");
      } finally {
        first.destroy();
      }
    } finally {
      engine.stop();
    }
  }

  @Test
  void anEngineThatDoesNotAnswerIsNamedWithItsAddressAndTheSettingToChange() {
    int port = LoopbackPort.free();
    var r = run(port);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err())
        .contains(
            "the external engine at http://127.0.0.1:"
                + port
                + " (gRPC, camunda.client.grpc-address) does not answer")
        .contains("docker compose up -d");
  }
}
