package dev.baton.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Paths;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole server on a real port and the embedded engine: Actuator health goes DOWN when tmux is
 * missing.
 */
// Spring Boot turns metric export off in tests unless asked: the Prometheus endpoint needs it.
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "baton.engine-port=0",
      "baton.ops.tmux-binary=/nonexistent/bin/tmux",
      "management.endpoint.health.show-details=always"
    })
@org.junit.jupiter.api.extension.ExtendWith(
    org.springframework.boot.test.system.OutputCaptureExtension.class)
@Tag("end-to-end")
class HealthEndpointTest {
  @LocalServerPort int port;
  @Autowired dev.baton.run.RunEvents events;

  @DynamicPropertySource
  static void model(DynamicPropertyRegistry registry) {
    registry.add(
        "baton.bpmn",
        () -> Paths.get("src/test/resources/cli/tiny.bpmn").toAbsolutePath().toString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthIsDownBecauseOfTmuxWhileEngineAndBoardAreUp() throws Exception {
    var health = get("/actuator/health");
    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(health.body())
        .contains("\"status\":\"DOWN\"")
        .containsPattern("\"tmux\":\\{[^}]*\"status\":\"DOWN\"")
        .containsPattern("\"engine\":\\{\"status\":\"UP\"")
        .containsPattern("\"board\":\\{[^}]*\"status\":\"UP\"");
  }

  /**
   * The context (and its engine) starts after the capture begins: every start used to log this
   * WARN.
   */
  @Test
  void startingTheEngineLogsNoDuplicateGaugeWarning(
      org.springframework.boot.test.system.CapturedOutput output) {
    assertThat(output.getAll())
        .contains("Started HealthEndpointTest")
        .doesNotContain("has been already registered");
  }

  @Test
  void prometheusShowsBatonMetricsAndThePageIsServed() throws Exception {
    events.emit(
        "run-m",
        new dev.baton.run.Happened.PromptSubmitted(
            "T-001", "AMP", "task", java.time.Duration.ofMillis(50), 1));
    var prometheus = get("/actuator/prometheus");
    assertThat(prometheus.statusCode()).isEqualTo(200);
    assertThat(prometheus.body())
        .contains("baton_prompts_sent_total{agent=\"AMP\"")
        .contains("baton_reaction_latency_seconds");
    var page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("<title>Baton</title>")
        .contains("/app.js")
        .contains("/bpmn-viewer.js");
    assertThat(get("/app.js").body()).contains("/api/runs");
  }
}
