package dev.baton.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken copies of the real model must fail with the file, the element and the line. */
class ProcessModelLoadingTest {
  @TempDir Path dir;

  @Test
  void loadsTheRealModel() {
    ProcessModel model = ProcessModel.load(ProcessDriver.MODEL);
    assertThat(model.processId()).isEqualTo(ElementIds.PROCESS);
    assertThat(model.resourceName()).isEqualTo("baton.bpmn");
    assertThat(model.xml()).contains("Task_SendPrompt");
  }

  @Test
  void malformedXmlNamesTheFileAndLine() throws IOException {
    Path copy =
        brokenCopy(
            "<bpmn:serviceTask id=\"Task_Decompose\"", "<bpmn:serviceTask id=\"Task_Decompose\" <");
    int line = ProcessModel.lineOf(Files.readString(copy), "Task_Decompose");

    assertThatThrownBy(() -> ProcessModel.load(copy))
        .isInstanceOf(InvalidProcessModelException.class)
        .hasMessageContaining(copy.toString())
        .hasMessageContaining("line " + line)
        .satisfies(
            e ->
                assertThat(((InvalidProcessModelException) e).problems())
                    .first()
                    .extracting(InvalidProcessModelException.Problem::line)
                    .isEqualTo(line));
  }

  @Test
  void referenceToAMissingElementNamesIt() throws IOException {
    Path copy = brokenCopy("targetRef=\"Task_WriteReport\"", "targetRef=\"Task_Nowhere\"");

    assertThatThrownBy(() -> ProcessModel.load(copy))
        .isInstanceOf(InvalidProcessModelException.class)
        .hasMessageContaining(copy.toString())
        .hasMessageContaining("Task_Nowhere");
  }

  @Test
  void serviceTaskWithoutJobTypeNamesTheTaskAndItsLine() throws IOException {
    Path copy = brokenCopy("type=\"baton.report\" ", "");
    int line = ProcessModel.lineOf(Files.readString(copy), "Task_WriteReport");

    assertThatThrownBy(() -> ProcessModel.load(copy))
        .isInstanceOf(InvalidProcessModelException.class)
        .hasMessageContaining(copy.toString())
        .hasMessageContaining("element 'Task_WriteReport'")
        .hasMessageContaining("line " + line);
  }

  @Test
  void theDecisionTablesBesideTheModelAreDeployedWithIt() {
    assertThat(ProcessModel.load(ProcessDriver.MODEL).decisions())
        .extracting(p -> p.getFileName().toString())
        .containsExactly("agent-routing.dmn", "task-route.dmn");
  }

  @Test
  void aCalledDecisionThatNoTableBesideTheModelDefinesIsNamedWithItsLine() throws IOException {
    Path copy = dir.resolve("baton.bpmn");
    Files.copy(ProcessDriver.MODEL, copy);
    String xml = Files.readString(copy);
    int line = ProcessModel.lineOf(xml, "Task_DecideRoute") + 3;

    assertThatThrownBy(() -> ProcessModel.load(copy))
        .isInstanceOf(InvalidProcessModelException.class)
        .hasMessageContaining(copy.toString())
        .hasMessageContaining(
            "calls decision 'task-route', which no .dmn file beside the model defines")
        .hasMessageContaining("line " + line);

    Files.copy(TaskRouteTableTest.TABLE, dir.resolve("task-route.dmn"));
    assertThat(ProcessModel.load(copy).decisions()).hasSize(1);
  }

  @Test
  void missingFileIsReportedAsSuch() {
    Path missing = dir.resolve("nope.bpmn");
    assertThatThrownBy(() -> ProcessModel.load(missing))
        .isInstanceOf(InvalidProcessModelException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("cannot read");
  }

  private Path brokenCopy(String find, String replacement) throws IOException {
    String xml = Files.readString(ProcessDriver.MODEL);
    assertThat(xml).contains(find);
    Path copy = dir.resolve("broken.bpmn");
    Files.writeString(copy, xml.replaceFirst(java.util.regex.Pattern.quote(find), replacement));
    return copy;
  }
}
