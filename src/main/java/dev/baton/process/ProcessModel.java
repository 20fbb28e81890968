package dev.baton.process;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.validation.zeebe.ZeebeDesignTimeValidators;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.model.xml.ModelException;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.bpm.model.xml.validation.ValidationResult;
import org.camunda.bpm.model.xml.validation.ValidationResultType;
import org.camunda.bpm.model.xml.validation.ValidationResults;
import org.xml.sax.SAXParseException;

/**
 * Baton's process model read from disk. The model lives outside the jar so people can change it in
 * the Modeler; loading checks it the way the engine does (schema, then Zeebe's design-time rules)
 * so a broken edit is named with the file, element and line. {@code lint} loads it; a start only
 * reads its {@linkplain #sources sources} and leaves the check to the engine's deployment, loading
 * the model only to explain a refusal.
 */
public final class ProcessModel {
  private static final Pattern LINE_IN_MESSAGE = Pattern.compile("(?:lineNumber: |Line=)(\\d+)");
  private static final Pattern QUOTED_ID = Pattern.compile("'([A-Za-z_][\\w.-]*)'");
  private static final Pattern CALLED_DECISION =
      Pattern.compile("<zeebe:calledDecision[^>]*decisionId=\"([^\"]+)\"");
  private static final Pattern DECISION =
      Pattern.compile("<(?:\\w+:)?decision\\s[^>]*id=\"([^\"]+)\"");

  private final Path file;
  private final String xml;
  private final BpmnModelInstance instance;
  private final List<Path> decisions;

  private ProcessModel(Path file, String xml, BpmnModelInstance instance, List<Path> decisions) {
    this.file = file;
    this.xml = xml;
    this.instance = instance;
    this.decisions = decisions;
  }

  /**
   * Reads and validates the model.
   *
   * @throws InvalidProcessModelException when the file is missing, does not parse, or breaks a rule
   *     of the engine; the message names the file and the offending element and line where known
   */
  public static ProcessModel load(Path file) {
    String xml = read(file);
    BpmnModelInstance instance;
    try {
      instance =
          Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      Bpmn.validateModel(instance);
    } catch (ModelException e) {
      throw new InvalidProcessModelException(file, List.of(problemOf(e, xml)), e);
    }
    ValidationResults results = instance.validate(ZeebeDesignTimeValidators.VALIDATORS);
    if (results.hasErrors()) {
      List<InvalidProcessModelException.Problem> problems = new ArrayList<>();
      results
          .getResults()
          .forEach(
              (element, list) -> {
                for (ValidationResult result : list) {
                  if (result.getType() == ValidationResultType.ERROR) {
                    String id = idOf(element);
                    problems.add(
                        new InvalidProcessModelException.Problem(
                            id, lineOf(xml, id), result.getMessage()));
                  }
                }
              });
      problems.sort(Comparator.comparingInt(InvalidProcessModelException.Problem::line));
      throw new InvalidProcessModelException(file, problems, null);
    }
    return new ProcessModel(file, xml, instance, decisions(file, xml));
  }

  /**
   * The model file and the decision tables beside it, with the checks that cost nothing: the file
   * is readable and every decision it calls is defined by one of the tables. The engine parses and
   * validates the model as it deploys it; {@link #load} repeats that only to explain a refusal.
   *
   * @param decisions every {@code *.dmn} file in the model's folder
   */
  public record Sources(Path file, List<Path> decisions) {}

  /**
   * Reads the model and lists its decision tables.
   *
   * @throws InvalidProcessModelException when the file or its folder cannot be read, or a called
   *     decision is defined nowhere
   */
  public static Sources sources(Path file) {
    return new Sources(file, decisions(file, read(file)));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new InvalidProcessModelException(
          file,
          List.of(
              new InvalidProcessModelException.Problem(
                  null, 0, "cannot read file: no such file (set baton.bpmn to the model's path)")),
          e);
    } catch (IOException e) {
      throw new InvalidProcessModelException(
          file,
          List.of(new InvalidProcessModelException.Problem(null, 0, "cannot read file: " + e)),
          e);
    }
  }

  /** The tables beside the model, once every decision the model calls is known to be in one. */
  private static List<Path> decisions(Path file, String xml) {
    List<Path> decisions = decisionFiles(file);
    checkCalledDecisions(file, xml, decisions);
    return decisions;
  }

  /**
   * The decision tables deployed with the model: every {@code *.dmn} file in the model's folder, so
   * a table edited in the Modeler beside the process is picked up the same way.
   */
  public List<Path> decisions() {
    return decisions;
  }

  private static List<Path> decisionFiles(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      return List.of();
    }
    try (var files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".dmn")).sorted().toList();
    } catch (IOException e) {
      throw new InvalidProcessModelException(
          file,
          List.of(
              new InvalidProcessModelException.Problem(
                  null, 0, "cannot list its folder for decision tables: " + e)),
          e);
    }
  }

  /**
   * A business-rule task naming a decision no table beside the model defines would only fail at run
   * time.
   */
  private static void checkCalledDecisions(Path file, String xml, List<Path> decisions) {
    java.util.Set<String> defined = new java.util.HashSet<>();
    for (Path dmn : decisions) {
      try {
        Matcher m = DECISION.matcher(Files.readString(dmn, StandardCharsets.UTF_8));
        while (m.find()) {
          defined.add(m.group(1));
        }
      } catch (IOException e) {
        throw new InvalidProcessModelException(
            file,
            List.of(
                new InvalidProcessModelException.Problem(
                    null, 0, "cannot read decision table " + dmn + ": " + e)),
            e);
      }
    }
    List<InvalidProcessModelException.Problem> problems = new ArrayList<>();
    Matcher called = CALLED_DECISION.matcher(xml);
    while (called.find()) {
      String id = called.group(1);
      if (!defined.contains(id)) {
        int line =
            1 + (int) xml.substring(0, called.start()).chars().filter(c -> c == '\n').count();
        problems.add(
            new InvalidProcessModelException.Problem(
                null,
                line,
                "calls decision '" + id + "', which no .dmn file beside the model defines"));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidProcessModelException(file, problems, null);
    }
  }

  public Path file() {
    return file;
  }

  /** The file's text as read, for deployment (the engine gets exactly what the Modeler saved). */
  public String xml() {
    return xml;
  }

  /** Resource name for the deployment: the file name, as Operate shows it. */
  public String resourceName() {
    return file.getFileName().toString();
  }

  public BpmnModelInstance instance() {
    return instance;
  }

  /**
   * Id of the executable process in the file ({@link ElementIds#PROCESS} for Baton's own model).
   */
  public String processId() {
    return instance.getModelElementsByType(Process.class).stream()
        .filter(Process::isExecutable)
        .map(Process::getId)
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidProcessModelException(
                    file,
                    List.of(
                        new InvalidProcessModelException.Problem(null, 0, "no executable process")),
                    null));
  }

  private static InvalidProcessModelException.Problem problemOf(ModelException e, String xml) {
    int line = 0;
    String id = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SAXParseException sax && sax.getLineNumber() > 0) {
        line = sax.getLineNumber();
      }
      if (t.getMessage() != null) {
        Matcher lineMatch = LINE_IN_MESSAGE.matcher(t.getMessage());
        if (line == 0 && lineMatch.find()) {
          line = Integer.parseInt(lineMatch.group(1));
        }
        Matcher idMatch = QUOTED_ID.matcher(t.getMessage());
        while (id == null && idMatch.find()) {
          if (xml.contains("\"" + idMatch.group(1) + "\"")) {
            id = idMatch.group(1);
          }
        }
      }
    }
    if (line == 0 && id != null) {
      line = lineOf(xml, id);
    }
    return new InvalidProcessModelException.Problem(id, line, rootMessage(e));
  }

  private static String rootMessage(Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t.getMessage() != null && !text.toString().contains(t.getMessage())) {
        text.append(": ").append(t.getMessage());
      }
    }
    return text.toString();
  }

  private static String idOf(ModelElementInstance element) {
    String id = element.getAttributeValue("id");
    for (ModelElementInstance e = element; id == null && e != null; e = e.getParentElement()) {
      id = e.getAttributeValue("id");
    }
    return id;
  }

  /** Line of the element that declares {@code id}, 0 when not found. */
  static int lineOf(String xml, String id) {
    if (id == null) {
      return 0;
    }
    int at = xml.indexOf("id=\"" + id + "\"");
    if (at < 0) {
      return 0;
    }
    int line = 1;
    for (int i = 0; i < at; i++) {
      if (xml.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
