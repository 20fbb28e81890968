package dev.baton.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up deployment on a real embedded engine: the model goes with the decision tables beside
 * it, and what a person sees for a broken or missing model is Baton's message naming the file, not
 * the engine's.
 */
@Tag("end-to-end")
class ProcessDeploymentTest {
  @TempDir Path dir;
  private LoopbackEngine engine;
  private CamundaClient client;

  @BeforeEach
  void engine() {
    engine = LoopbackEngine.start();
    client = engine.client();
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  private DeployedModel deploy(Path bpmn) {
    return new ProcessDeployment()
        .modelDeployment(
            client, new ModelSource(bpmn, EngineMode.EMBEDDED), new ProcessDeployment.LeaseHolder())
        .await();
  }

  /** The model and the decision tables beside it, in one deployment. */
  @Test
  void theModelAndItsTablesAreDeployed() throws IOException {
    Path bpmn = copyOfTheModel();

    DeployedModel model = deploy(bpmn);

    assertThat(model.version()).isEqualTo(1);
    assertThat(
            client
                .newCreateInstanceCommand()
                .bpmnProcessId("baton")
                .latestVersion()
                .variables(java.util.Map.of("runId", "r", "request", "- a"))
                .send()
                .join()
                .getProcessDefinitionKey())
        .isEqualTo(model.processDefinitionKey());
  }

  @Test
  void aModelTheEngineAlsoRefusesIsNamedInBatonsWords() throws IOException {
    Path bpmn = copyOfTheModel();
    String xml = Files.readString(bpmn);
    Files.writeString(bpmn, xml.replaceFirst("type=\"baton.report\" ", ""));

    assertThatThrownBy(() -> deploy(bpmn))
        .isInstanceOf(InvalidProcessModelException.class)
        .hasMessageContaining(bpmn.toString());
  }

  @Test
  void aMissingModelIsNamedInBatonsWords() {
    Path missing = dir.resolve("nowhere.bpmn");

    assertThatThrownBy(() -> deploy(missing))
        .isInstanceOf(InvalidProcessModelException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("baton.bpmn");
  }

  private Path copyOfTheModel() throws IOException {
    try (var files = Files.list(Path.of("bpmn"))) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    return dir.resolve("baton.bpmn");
  }
}
