package dev.baton.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Modeler's element templates: valid against the published schema and one per job type. */
class ElementTemplatesTest {
  static final Path DIR = Path.of(".camunda", "element-templates");
  static final ObjectMapper JSON = new ObjectMapper();
  static JsonSchema schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    try (InputStream in = ElementTemplatesTest.class.getResourceAsStream("/element-templates-schema.json")) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(JSON.readTree(in));
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
    JsonNode broken = JSON.readTree("{\"name\": \"x\", \"id\": \"x\", \"appliesTo\": [\"bpmn:ServiceTask\"],"
        + " \"properties\": [{\"type\": \"Hidden\", \"value\": \"x\", \"binding\": {\"type\": \"zeebe:nope\"}}]}");
    assertThat(schema.validate(broken)).isNotEmpty();
  }

  @Test
  void everyJobTypeHasExactlyOneTemplateAndNoTemplateIsStray() throws Exception {
    List<String> templateTypes = templates().map(ElementTemplatesTest::jobTypeOf).toList();
    assertThat(templateTypes).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(jobTypeConstants());
  }

  @Test
  void everyMappingOfATemplatedTaskIsDeclaredByItsTemplate() throws IOException {
    java.util.Map<String, Set<String>> inputs = new java.util.HashMap<>();
    java.util.Map<String, Set<String>> outputs = new java.util.HashMap<>();
    for (Path file : templates().toList()) {
      JsonNode template = JSON.readTree(file.toFile());
      Set<String> in = new java.util.HashSet<>();
      Set<String> out = new java.util.HashSet<>();
      for (JsonNode property : template.get("properties")) {
        JsonNode binding = property.get("binding");
        switch (binding.path("type").asText()) {
          case "zeebe:input" -> in.add(binding.get("name").asText());
          case "zeebe:output" -> out.add(property.get("value").asText());
          default -> { }
        }
      }
      inputs.put(template.get("id").asText(), in);
      outputs.put(template.get("id").asText(), out);
    }
    var model = io.camunda.zeebe.model.bpmn.Bpmn.readModelFromFile(ProcessDriver.MODEL.toFile());
    for (var task : model.getModelElementsByType(io.camunda.zeebe.model.bpmn.instance.ServiceTask.class)) {
      String template = task.getAttributeValueNs("http://camunda.org/schema/zeebe/1.0", "modelerTemplate");
      assertThat(template).as("template of %s", task.getId()).isNotNull();
      var mapping = task.getSingleExtensionElement(io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping.class);
      if (mapping == null) {
        continue;
      }
      assertThat(mapping.getInputs()).extracting(i -> i.getTarget())
          .as("inputs of %s (template %s)", task.getId(), template).isSubsetOf(inputs.get(template));
      assertThat(mapping.getOutputs()).extracting(o -> o.getTarget())
          .as("outputs of %s (template %s)", task.getId(), template).isSubsetOf(outputs.get(template));
    }
  }

  static String jobTypeOf(Path file) {
    try {
      for (JsonNode property : JSON.readTree(file.toFile()).get("properties")) {
        JsonNode binding = property.get("binding");
        if ("zeebe:taskDefinition".equals(binding.path("type").asText())
            && "type".equals(binding.path("property").asText())) {
          assertThat(property.path("type").asText()).as("job type is fixed in %s", file).isEqualTo("Hidden");
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
