package dev.baton.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Modeler's element templates: valid against the published schema and in step with the tasks
 * using them.
 */
class ElementTemplatesTest {
  static final String ZEEBE = "http://camunda.org/schema/zeebe/1.0";
  static final Path DIR = Path.of(".camunda", "element-templates");
  static final ObjectMapper JSON = new ObjectMapper();
  static JsonSchema schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    try (InputStream in =
        ElementTemplatesTest.class.getResourceAsStream("/element-templates-schema.json")) {
      schema =
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(JSON.readTree(in));
    }
  }

  static Stream<Path> templates() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("templates")
  void templateMatchesTheSchema(Path file) throws IOException {
    Set<ValidationMessage> errors = schema.validate(JSON.readTree(file.toFile()));
    assertThat(errors).as(file.toString()).isEmpty();
  }

  @Test
  void schemaRejectsABrokenTemplate() throws IOException {
    JsonNode broken =
        JSON.readTree(
            "{\"name\": \"x\", \"id\": \"x\", \"appliesTo\": [\"bpmn:ServiceTask\"],"
                + " \"properties\": [{\"type\": \"Hidden\", \"value\": \"x\", \"binding\": {\"type\": \"zeebe:nope\"}}]}");
    assertThat(schema.validate(broken)).isNotEmpty();
  }

  @Test
  void everyServiceTaskJobTypeHasATemplateAndNoTemplateIsStray() throws Exception {
    Set<String> modelTypes = new java.util.HashSet<>();
    Set<String> usedTemplates = new java.util.HashSet<>();
    for (ServiceTask task : model().getModelElementsByType(ServiceTask.class)) {
      modelTypes.add(task.getSingleExtensionElement(ZeebeTaskDefinition.class).getType());
      usedTemplates.add(task.getAttributeValueNs(ZEEBE, "modelerTemplate"));
    }
    List<String> templateTypes = templates().map(ElementTemplatesTest::jobTypeOf).toList();
    assertThat(templateTypes)
        .containsExactlyInAnyOrderElementsOf(
            templateTypes.stream().filter(jobTypeConstants()::contains).toList());
    assertThat(Set.copyOf(templateTypes)).isEqualTo(modelTypes);
    List<String> ids = new ArrayList<>();
    for (Path file : templates().toList()) {
      ids.add(JSON.readTree(file.toFile()).get("id").asText());
    }
    assertThat(ids).doesNotHaveDuplicates();
    assertThat(Set.copyOf(ids)).as("templates no task uses").isEqualTo(usedTemplates);
  }

  /**
   * With a template applied the Modeler shows only what the template declares, and applying it
   * writes exactly that: so each task must carry the template's job type, version, inputs, outputs
   * and headers, no more, no less.
   */
  @Test
  void everyTemplatedTaskHasExactlyTheMappingsItsTemplateDeclares() throws IOException {
    Map<String, JsonNode> byId = new HashMap<>();
    for (Path file : templates().toList()) {
      JsonNode template = JSON.readTree(file.toFile());
      byId.put(template.get("id").asText(), template);
    }
    List<String> mismatches = new ArrayList<>();
    for (ServiceTask task : model().getModelElementsByType(ServiceTask.class)) {
      String id = task.getAttributeValueNs(ZEEBE, "modelerTemplate");
      JsonNode template = byId.get(id);
      if (template == null) {
        mismatches.add(task.getId() + ": template '" + id + "' is not in " + DIR);
        continue;
      }
      mismatches.addAll(mismatches(task, template));
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void aTaskThatLacksAMappingItsTemplateDeclaresIsAMismatch() throws IOException {
    JsonNode template = JSON.readTree(DIR.resolve("baton-reassign.json").toFile());
    var model =
        Bpmn.createExecutableProcess("p")
            .startEvent()
            .serviceTask("Task_X")
            .zeebeJobType("baton.release-agent")
            .zeebeInputExpression("\"reassign\"", "reason")
            .zeebeOutputExpression("\"reassign\"", "outcome")
            .zeebeTaskHeader("extra", "1")
            .endEvent()
            .done();
    ServiceTask task = model.getModelElementById("Task_X");
    task.setAttributeValueNs(ZEEBE, "modelerTemplateVersion", "2");
    assertThat(mismatches(task, template))
        .contains(
            "Task_X: version 2, template dev.baton.reassign is version 1",
            "Task_X: inputs [reason], template dev.baton.reassign declares [blockKind, reason]",
            "Task_X: headers [extra], template dev.baton.reassign declares []")
        .anySatisfy(m -> assertThat(m).startsWith("Task_X: outputs "));
  }

  static List<String> mismatches(ServiceTask task, JsonNode template) {
    String id = template.get("id").asText();
    List<String> found = new ArrayList<>();
    String version = task.getAttributeValueNs(ZEEBE, "modelerTemplateVersion");
    if (!template.get("version").asText().equals(version)) {
      found.add(
          task.getId()
              + ": version "
              + version
              + ", template "
              + id
              + " is version "
              + template.get("version"));
    }
    Map<String, String> templateInputs = new TreeMap<>();
    Set<String> hiddenInputs = new TreeSet<>();
    Set<String> templateOutputs = new TreeSet<>();
    Set<String> templateHeaders = new TreeSet<>();
    String jobType = null;
    boolean retries = false;
    for (JsonNode property : template.get("properties")) {
      JsonNode binding = property.get("binding");
      boolean hidden = "Hidden".equals(property.path("type").asText());
      switch (binding.path("type").asText()) {
        case "zeebe:taskDefinition" -> {
          if ("type".equals(binding.path("property").asText())) {
            jobType = property.get("value").asText();
          } else if ("retries".equals(binding.path("property").asText())) {
            retries = true;
          }
        }
        case "zeebe:input" -> {
          templateInputs.put(binding.get("name").asText(), property.path("value").asText());
          if (hidden) {
            hiddenInputs.add(binding.get("name").asText());
          }
        }
        case "zeebe:output" ->
            templateOutputs.add(
                property.get("value").asText() + " = " + binding.get("source").asText());
        case "zeebe:taskHeader" -> templateHeaders.add(binding.get("key").asText());
        default ->
            found.add(
                task.getId()
                    + ": template "
                    + id
                    + " binds "
                    + binding
                    + ", which this test does not know");
      }
    }
    ZeebeTaskDefinition definition = task.getSingleExtensionElement(ZeebeTaskDefinition.class);
    if (definition == null || !java.util.Objects.equals(jobType, definition.getType())) {
      found.add(
          task.getId()
              + ": job type "
              + (definition == null ? null : definition.getType())
              + ", template "
              + id
              + " says "
              + jobType);
    }
    if (!retries) {
      found.add(task.getId() + ": template " + id + " does not offer the retries");
    }
    ZeebeIoMapping mapping = task.getSingleExtensionElement(ZeebeIoMapping.class);
    Map<String, String> inputs = new TreeMap<>();
    Set<String> outputs = new TreeSet<>();
    if (mapping != null) {
      mapping.getInputs().forEach(i -> inputs.put(i.getTarget(), i.getSource()));
      mapping.getOutputs().forEach(o -> outputs.add(o.getTarget() + " = " + o.getSource()));
    }
    if (!inputs.keySet().equals(templateInputs.keySet())) {
      found.add(
          task.getId()
              + ": inputs "
              + inputs.keySet()
              + ", template "
              + id
              + " declares "
              + templateInputs.keySet());
    }
    for (String name : hiddenInputs) {
      if (inputs.containsKey(name) && !inputs.get(name).equals(templateInputs.get(name))) {
        found.add(
            task.getId()
                + ": input "
                + name
                + " is "
                + inputs.get(name)
                + ", template "
                + id
                + " fixes it to "
                + templateInputs.get(name));
      }
    }
    if (!outputs.equals(templateOutputs)) {
      found.add(
          task.getId()
              + ": outputs "
              + outputs
              + ", template "
              + id
              + " declares "
              + templateOutputs);
    }
    ZeebeTaskHeaders headers = task.getSingleExtensionElement(ZeebeTaskHeaders.class);
    Set<String> headerKeys = new TreeSet<>();
    if (headers != null) {
      headers.getHeaders().forEach(h -> headerKeys.add(h.getKey()));
    }
    if (!headerKeys.equals(templateHeaders)) {
      found.add(
          task.getId()
              + ": headers "
              + headerKeys
              + ", template "
              + id
              + " declares "
              + templateHeaders);
    }
    return found;
  }

  static BpmnModelInstance model() {
    return Bpmn.readModelFromFile(ProcessDriver.MODEL.toFile());
  }

  static String jobTypeOf(Path file) {
    try {
      for (JsonNode property : JSON.readTree(file.toFile()).get("properties")) {
        JsonNode binding = property.get("binding");
        if ("zeebe:taskDefinition".equals(binding.path("type").asText())
            && "type".equals(binding.path("property").asText())) {
          assertThat(property.path("type").asText())
              .as("job type is fixed in %s", file)
              .isEqualTo("Hidden");
          return property.get("value").asText();
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    throw new AssertionError("no job type in " + file);
  }

  static List<String> jobTypeConstants() {
    return Arrays.stream(JobTypes.class.getDeclaredFields())
        .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
        .map(ElementTemplatesTest::valueOf)
        .toList();
  }

  static String valueOf(Field field) {
    try {
      return (String) field.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
