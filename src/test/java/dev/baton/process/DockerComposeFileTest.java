package dev.baton.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs on the build machines, so the compose file for external mode is checked
 * here: it parses, it has the orchestration image of the engine line Baton's client speaks (8.8)
 * with Elasticsearch, and the ports it publishes are the ones Baton's external mode dials by
 * default. {@code ./baton test} also runs {@code docker-compose config -q} when that tool is
 * installed.
 */
class DockerComposeFileTest {

  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

  @Test
  void composeFileRunsCamunda88WithElasticsearchOnTheExternalProfilePorts() throws Exception {
    JsonNode compose = yaml.readTree(new File("docker-compose.yml"));
    JsonNode services = compose.path("services");
    JsonNode orchestration = services.path("orchestration");
    assertThat(orchestration.path("image").asText()).startsWith("camunda/camunda:8.8.");
    assertThat(services.path("elasticsearch").path("image").asText()).contains("elasticsearch:8.");

    List<Integer> published = new ArrayList<>();
    orchestration.path("ports").forEach(p -> published.add(hostPort(p.asText())));

    JsonNode external = yaml.readTree(new File("src/main/resources/application-external.yaml"));
    assertThat(external.path("baton").path("engine").asText()).isEqualTo("external");
    int grpc =
        URI.create(EngineSeam.EXTERNAL_DEFAULTS.get("camunda.client.grpc-address")).getPort();
    int rest =
        URI.create(EngineSeam.EXTERNAL_DEFAULTS.get("camunda.client.rest-address")).getPort();
    assertThat(published).contains(grpc, rest);
    assertThat(grpc).isEqualTo(26500);
    assertThat(rest).isEqualTo(8080);
  }

  @Test
  void everyPublishedPortIsBoundToLoopbackOnly() throws Exception {
    JsonNode services = yaml.readTree(new File("docker-compose.yml")).path("services");
    services.forEach(
        service ->
            service.path("ports").forEach(p -> assertThat(p.asText()).startsWith("127.0.0.1:")));
  }

  private static int hostPort(String mapping) {
    String[] parts = mapping.split(":");
    return Integer.parseInt(parts[parts.length - 2]);
  }
}
