package dev.baton.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.Documentation;
import io.camunda.zeebe.model.bpmn.instance.Error;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import io.camunda.zeebe.model.bpmn.instance.dc.Bounds;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListener;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListenerEventType;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Structure of {@code bpmn/baton.bpmn} as the code relies on it, and the constants in {@code
 * process} kept in step with it in both directions.
 */
class ProcessModelTest {
  static BpmnModelInstance model;

  @BeforeAll
  static void read() {
    model = Bpmn.readModelFromFile(ProcessDriver.MODEL.toFile());
    Bpmn.validateModel(model);
  }

  @Test
  void fivePhasesFollowEachOtherAtTheTopLevel() {
    Process process = model.getModelElementById(ElementIds.PROCESS);
    assertThat(process.isExecutable()).isTrue();
    assertThat(process.getName()).isEqualTo("Baton run");
    List<String> phases =
        List.of(
            ElementIds.SUBPROCESS_DECOMPOSE,
            ElementIds.SUBPROCESS_TASKS,
            ElementIds.SUBPROCESS_TEST,
            ElementIds.SUBPROCESS_REPORT);
    for (String id : phases) {
      assertThat(model.<BaseElement>getModelElementById(id)).as(id).isInstanceOf(SubProcess.class);
      assertThat(model.<BaseElement>getModelElementById(id).getParentElement())
          .as(id)
          .isEqualTo(process);
    }
    assertThat(
            ((SubProcess) model.getModelElementById(ElementIds.SUBPROCESS_DISTRIBUTE))
                .getParentElement())
        .isEqualTo(model.getModelElementById(ElementIds.SUBPROCESS_TASKS));
    assertThat(
            ((SubProcess) model.getModelElementById(ElementIds.SUBPROCESS_POLL)).getParentElement())
        .isEqualTo(model.getModelElementById(ElementIds.SUBPROCESS_TASKS));
    List<String> chain = new ArrayList<>();
    FlowNode node = model.getModelElementById(ElementIds.EVENT_REQUEST_RECEIVED);
    while (!node.getOutgoing().isEmpty()) {
      node = node.getOutgoing().iterator().next().getTarget();
      chain.add(node.getId());
    }
    assertThat(chain)
        .containsExactly(
            ElementIds.SUBPROCESS_DECOMPOSE,
            ElementIds.SUBPROCESS_TASKS,
            ElementIds.SUBPROCESS_TEST,
            ElementIds.SUBPROCESS_REPORT,
            ElementIds.EVENT_RUN_FINISHED);
  }

  @Test
  void tasksAndFeaturesRunAsParallelMultiInstance() {
    assertMultiInstance(ElementIds.SUBPROCESS_TASKS, "=taskIds", "taskId", "taskResults");
    assertMultiInstance(ElementIds.SUBPROCESS_RALPH, "=testTasks", "testTask", "testResults");
  }

  private static void assertMultiInstance(
      String id, String collection, String element, String output) {
    SubProcess sub = model.getModelElementById(id);
    MultiInstanceLoopCharacteristics mi =
        (MultiInstanceLoopCharacteristics) sub.getLoopCharacteristics();
    assertThat(mi).as(id).isNotNull();
    assertThat(mi.isSequential()).as(id).isFalse();
    ZeebeLoopCharacteristics zeebe = mi.getSingleExtensionElement(ZeebeLoopCharacteristics.class);
    assertThat(zeebe.getInputCollection()).isEqualTo(collection);
    assertThat(zeebe.getInputElement()).isEqualTo(element);
    assertThat(zeebe.getOutputCollection()).isEqualTo(output);
    assertThat(zeebe.getOutputElement()).startsWith("={");
  }

  @Test
  void oneMessageElementPerNameCorrelatedByTheFollowedTaskOrTheRun() {
    Map<String, List<String>> keysByName = new HashMap<>();
    for (Message message : model.getModelElementsByType(Message.class)) {
      String key =
          message
              .getExtensionElements()
              .getElementsQuery()
              .filterByType(ZeebeSubscription.class)
              .singleResult()
              .getCorrelationKey();
      keysByName.computeIfAbsent(message.getName(), n -> new ArrayList<>()).add(key);
    }
    // taskId is the row each wait follows: the task, or the test task (SubProcess_Ralph's input);
    // while the lead
    // plans, no task is followed yet and the planning row (planTaskId) is
    assertThat(keysByName)
        .isEqualTo(
            Map.of(
                Messages.TASK_STATUS_CHANGED, List.of("=taskId"),
                Messages.AGENT_AVAILABLE, List.of("=if taskId != null then taskId else planTaskId"),
                Messages.AGENT_IDLE, List.of("=taskId"),
                Messages.BOARD_CHANGED, List.of("=runId")));
    assertThat(keysByName.keySet()).containsExactlyInAnyOrderElementsOf(constants(Messages.class));
    Set<Message> used =
        model.getModelElementsByType(MessageEventDefinition.class).stream()
            .map(MessageEventDefinition::getMessage)
            .collect(Collectors.toSet());
    assertThat(used)
        .containsExactlyInAnyOrderElementsOf(model.getModelElementsByType(Message.class));
  }

  @Test
  void theLintKeepsOneGlobalElementPerName() throws Exception {
    String rc = java.nio.file.Files.readString(java.nio.file.Path.of(".bpmnlintrc"));
    assertThat(rc).as(".bpmnlintrc").containsPattern("\"global\"\\s*:\\s*\"error\"");
  }

  @Test
  void errorsAreCaughtWhereTheContractSays() {
    Map<String, String> codeByBoundary = new HashMap<>();
    for (ErrorEventDefinition definition :
        model.getModelElementsByType(ErrorEventDefinition.class)) {
      codeByBoundary.put(
          ((BaseElement) definition.getParentElement()).getId(),
          definition.getError().getErrorCode());
    }
    assertThat(codeByBoundary)
        .isEqualTo(
            Map.ofEntries(
                Map.entry(ElementIds.BOUNDARY_AGENT_UNREACHABLE, ErrorCodes.AGENT_UNREACHABLE),
                Map.entry(
                    ElementIds.BOUNDARY_REQUEST_TEST_UNREACHABLE, ErrorCodes.AGENT_UNREACHABLE),
                Map.entry(ElementIds.BOUNDARY_FIX_UNREACHABLE, ErrorCodes.AGENT_UNREACHABLE),
                Map.entry(
                    ElementIds.BOUNDARY_INTERRUPT_TESTER_UNREACHABLE, ErrorCodes.AGENT_UNREACHABLE),
                Map.entry(ElementIds.BOUNDARY_UNBLOCK_UNREACHABLE, ErrorCodes.AGENT_UNREACHABLE),
                Map.entry(ElementIds.BOUNDARY_INTERRUPT_UNREACHABLE, ErrorCodes.AGENT_UNREACHABLE),
                Map.entry(ElementIds.BOUNDARY_OVERDUE_UNREACHABLE, ErrorCodes.AGENT_UNREACHABLE),
                Map.entry(ElementIds.BOUNDARY_TESTS_FAILED, ErrorCodes.TESTS_FAILED),
                Map.entry(ElementIds.EVENT_DEPENDENCY_GONE, ErrorCodes.DEPENDENCY_GONE),
                Map.entry(ElementIds.BOUNDARY_DEPENDENCY_GONE, ErrorCodes.DEPENDENCY_GONE),
                Map.entry(ElementIds.EVENT_RUN_STALLED, ErrorCodes.RUN_FAILED),
                Map.entry(ElementIds.EVENT_PLAN_GIVEN_UP, ErrorCodes.RUN_FAILED),
                Map.entry(ElementIds.EVENT_RUN_CANNOT_GO_ON, ErrorCodes.RUN_FAILED),
                Map.entry(ElementIds.BOUNDARY_GUARD_DISTRIBUTE, ErrorCodes.GUARD_HIT),
                Map.entry(ElementIds.BOUNDARY_GUARD_POLL, ErrorCodes.GUARD_HIT),
                Map.entry(ElementIds.BOUNDARY_GUARD_OVERDUE, ErrorCodes.GUARD_HIT),
                Map.entry(ElementIds.BOUNDARY_GUARD_REQUEST_TEST, ErrorCodes.GUARD_HIT),
                Map.entry(ElementIds.BOUNDARY_GUARD_FIX, ErrorCodes.GUARD_HIT),
                Map.entry(ElementIds.BOUNDARY_GUARD_INTERRUPT_TESTER, ErrorCodes.GUARD_HIT)));
    // the run's end for failures is a process-level event sub-process, so a worker anywhere can
    // reach it
    SubProcess failed = model.getModelElementById(ElementIds.SUBPROCESS_RUN_FAILED);
    assertThat(failed.triggeredByEvent()).isTrue();
    assertThat(failed.getParentElement()).isEqualTo(model.getModelElementById(ElementIds.PROCESS));
    assertThat(model.getModelElementsByType(Error.class))
        .extracting(Error::getErrorCode)
        .containsExactlyInAnyOrderElementsOf(constants(ErrorCodes.class));
  }

  @Test
  void everyTimerReadsARunParameter() {
    Map<String, String> byEvent = new HashMap<>();
    for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
      String expression =
          timer.getTimeDuration() != null
              ? timer.getTimeDuration().getTextContent()
              : timer.getTimeCycle().getTextContent();
      byEvent.put(((BaseElement) timer.getParentElement()).getId(), expression);
    }
    assertThat(byEvent)
        .hasSize(8)
        .containsEntry(ElementIds.BOUNDARY_TASK_TIMEOUT, "=taskTimeout")
        .containsEntry(ElementIds.EVENT_STALL_CHECK_DUE, "=\"R/\" + stallLimit");
    assertThat(byEvent.entrySet())
        .filteredOn(
            e ->
                !e.getKey().equals(ElementIds.BOUNDARY_TASK_TIMEOUT)
                    && !e.getKey().equals(ElementIds.EVENT_STALL_CHECK_DUE))
        .hasSize(6)
        .allSatisfy(e -> assertThat(e.getValue()).isEqualTo("=pollInterval"));
  }

  @Test
  void serviceTasksUseKnownJobTypesWithThreeRetriesAndEveryJobTypeIsUsed() {
    Set<String> used = new HashSet<>();
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      ZeebeTaskDefinition definition = task.getSingleExtensionElement(ZeebeTaskDefinition.class);
      assertThat(definition.getType()).as(task.getId()).isIn(constants(JobTypes.class));
      assertThat(definition.getRetries()).as(task.getId()).isEqualTo("3");
      used.add(definition.getType());
    }
    for (ZeebeExecutionListener listener :
        model.getModelElementsByType(ZeebeExecutionListener.class)) {
      assertThat(listener.getType()).isIn(constants(JobTypes.class));
      used.add(listener.getType());
    }
    assertThat(used).containsExactlyInAnyOrderElementsOf(constants(JobTypes.class));
  }

  @Test
  void eachPhaseIsAnnouncedByAStartListenerOnTheElementThatBeginsIt() {
    Map<String, String> phaseByElement = new HashMap<>();
    for (ZeebeExecutionListener listener :
        model.getModelElementsByType(ZeebeExecutionListener.class)) {
      BaseElement element =
          (BaseElement) listener.getParentElement().getParentElement().getParentElement();
      assertThat(listener.getType()).as(element.getId()).isEqualTo(JobTypes.PHASE);
      assertThat(listener.getEventType())
          .as(element.getId())
          .isEqualTo(ZeebeExecutionListenerEventType.start);
      assertThat(listener.getRetries()).as(element.getId()).isEqualTo("3");
      String phase =
          element.getSingleExtensionElement(ZeebeIoMapping.class).getInputs().stream()
              .filter(input -> input.getTarget().equals(Variables.RUN_PHASE))
              .map(input -> input.getSource())
              .findFirst()
              .orElse(null);
      phaseByElement.put(element.getId(), phase);
    }
    assertThat(phaseByElement)
        .isEqualTo(
            Map.of(
                ElementIds.SUBPROCESS_DECOMPOSE, "=\"DECOMPOSE\"",
                ElementIds.SUBPROCESS_DISTRIBUTE, "=\"DISTRIBUTE\"",
                ElementIds.SUBPROCESS_POLL, "=\"POLL\"",
                ElementIds.SUBPROCESS_TEST, "=\"TEST\"",
                ElementIds.SUBPROCESS_REPORT, "=\"REPORT\"",
                ElementIds.TASK_WRITE_FAILURE_REPORT, "=\"REPORT\""));
    assertThat(phaseByElement.values())
        .allSatisfy(
            source ->
                assertThat(
                        dev.baton.run.Phase.valueOf(source.substring(2, source.length() - 1))
                            .finished())
                    .isFalse());
  }

  @Test
  void everyElementIdConstantIsInTheModel() {
    assertThat(constants(ElementIds.class))
        .allSatisfy(
            id -> assertThat(model.<BaseElement>getModelElementById(id)).as(id).isNotNull());
  }

  @Test
  void everyFlowNodeIsDocumentedAndDrawn() {
    Set<String> shapes =
        model.getModelElementsByType(BpmnShape.class).stream()
            .map(shape -> shape.getBpmnElement().getId())
            .collect(Collectors.toSet());
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      assertThat(shapes).as("shape of %s", node.getId()).contains(node.getId());
      assertThat(node.getDocumentations())
          .as("documentation of %s", node.getId())
          .extracting(Documentation::getTextContent)
          .allSatisfy(text -> assertThat(text).isNotBlank())
          .isNotEmpty();
    }
    Map<String, Integer> waypoints = new HashMap<>();
    for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
      waypoints.put(edge.getBpmnElement().getId(), edge.getWaypoints().size());
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      assertThat(waypoints.get(flow.getId()))
          .as("waypoints of %s", flow.getId())
          .isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void shapesInTheSameContainerDoNotOverlap() {
    List<BpmnShape> shapes =
        model.getModelElementsByType(BpmnShape.class).stream()
            .filter(
                shape ->
                    !(shape.getBpmnElement()
                        instanceof io.camunda.zeebe.model.bpmn.instance.BoundaryEvent))
            .toList();
    for (int i = 0; i < shapes.size(); i++) {
      for (int j = i + 1; j < shapes.size(); j++) {
        BpmnShape a = shapes.get(i);
        BpmnShape b = shapes.get(j);
        if (a.getBpmnElement().getParentElement() == b.getBpmnElement().getParentElement()) {
          assertThat(overlap(a.getBounds(), b.getBounds()))
              .as("%s overlaps %s", a.getBpmnElement().getId(), b.getBpmnElement().getId())
              .isFalse();
        }
      }
    }
  }

  @Test
  void theFivePhasesAreDrillDownSubProcessesEachDrawnOnItsOwnPlane() {
    Map<String, Boolean> expanded = new HashMap<>();
    for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
      if (shape.getBpmnElement() instanceof SubProcess) {
        expanded.put(shape.getBpmnElement().getId(), shape.isExpanded());
      }
    }
    List<String> phases =
        List.of(
            ElementIds.SUBPROCESS_DECOMPOSE,
            ElementIds.SUBPROCESS_DISTRIBUTE,
            ElementIds.SUBPROCESS_POLL,
            ElementIds.SUBPROCESS_TEST,
            ElementIds.SUBPROCESS_REPORT);
    Set<String> planes =
        model
            .getModelElementsByType(io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnPlane.class)
            .stream()
            .map(p -> p.getBpmnElement().getId())
            .collect(Collectors.toSet());
    for (String phase : phases) {
      assertThat(expanded.get(phase)).as("%s drawn collapsed", phase).isFalse();
      assertThat(planes).as("plane of %s", phase).contains(phase);
    }
    assertThat(expanded.get(ElementIds.SUBPROCESS_TASKS))
        .as("each task [2, 3] at the top level")
        .isTrue();
  }

  @Test
  void gatewaysAndStartEventsHavePlainNamesAndExclusiveGatewaysShowTheirMarker() {
    List<String> startNames = new ArrayList<>();
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      if (node instanceof io.camunda.zeebe.model.bpmn.instance.Gateway
          || node instanceof io.camunda.zeebe.model.bpmn.instance.StartEvent) {
        assertThat(node.getName()).as("name of %s", node.getId()).isNotBlank();
      }
      if (node instanceof io.camunda.zeebe.model.bpmn.instance.StartEvent) {
        startNames.add(node.getName());
      }
    }
    assertThat(startNames).doesNotHaveDuplicates().doesNotContain("Start");
    for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
      if (shape.getBpmnElement() instanceof io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway) {
        assertThat(shape.isMarkerVisible())
            .as("marker of %s", shape.getBpmnElement().getId())
            .isTrue();
      }
    }
  }

  @Test
  void flowsFromBoundaryEventsLeaveFromTheEventAndNoTwoFlowsShareALine() {
    Map<String, BpmnShape> shapeOf = new HashMap<>();
    model
        .getModelElementsByType(BpmnShape.class)
        .forEach(s -> shapeOf.put(s.getBpmnElement().getId(), s));
    List<BpmnEdge> edges = new ArrayList<>(model.getModelElementsByType(BpmnEdge.class));
    for (BpmnEdge edge : edges) {
      SequenceFlow flow = (SequenceFlow) edge.getBpmnElement();
      if (flow.getSource() instanceof io.camunda.zeebe.model.bpmn.instance.BoundaryEvent) {
        Bounds b = shapeOf.get(flow.getSource().getId()).getBounds();
        var first = edge.getWaypoints().iterator().next();
        double dx = first.getX() - (b.getX() + b.getWidth() / 2);
        double dy = first.getY() - (b.getY() + b.getHeight() / 2);
        assertThat(Math.hypot(dx, dy))
            .as("%s starts on its boundary event", flow.getId())
            .isLessThanOrEqualTo(b.getWidth() / 2 + 2);
      }
    }
    for (int i = 0; i < edges.size(); i++) {
      for (int j = i + 1; j < edges.size(); j++) {
        BpmnEdge a = edges.get(i);
        BpmnEdge b = edges.get(j);
        if (a.getParentElement() == b.getParentElement()) {
          assertThat(sharedLength(a, b))
              .as(
                  "%s and %s drawn on the same line",
                  a.getBpmnElement().getId(), b.getBpmnElement().getId())
              .isLessThanOrEqualTo(2.0);
        }
      }
    }
  }

  /**
   * Length two edges run along each other (collinear horizontal or vertical segments that overlap).
   */
  private static double sharedLength(BpmnEdge a, BpmnEdge b) {
    double shared = 0;
    List<io.camunda.zeebe.model.bpmn.instance.dc.Point> pa = new ArrayList<>(a.getWaypoints());
    List<io.camunda.zeebe.model.bpmn.instance.dc.Point> pb = new ArrayList<>(b.getWaypoints());
    for (int i = 0; i + 1 < pa.size(); i++) {
      for (int j = 0; j + 1 < pb.size(); j++) {
        var a1 = pa.get(i);
        var a2 = pa.get(i + 1);
        var b1 = pb.get(j);
        var b2 = pb.get(j + 1);
        if (a1.getY().equals(a2.getY())
            && b1.getY().equals(b2.getY())
            && a1.getY().equals(b1.getY())) {
          shared +=
              Math.max(
                  0,
                  Math.min(Math.max(a1.getX(), a2.getX()), Math.max(b1.getX(), b2.getX()))
                      - Math.max(Math.min(a1.getX(), a2.getX()), Math.min(b1.getX(), b2.getX())));
        } else if (a1.getX().equals(a2.getX())
            && b1.getX().equals(b2.getX())
            && a1.getX().equals(b1.getX())) {
          shared +=
              Math.max(
                  0,
                  Math.min(Math.max(a1.getY(), a2.getY()), Math.max(b1.getY(), b2.getY()))
                      - Math.max(Math.min(a1.getY(), a2.getY()), Math.min(b1.getY(), b2.getY())));
        }
      }
    }
    return shared;
  }

  private static boolean overlap(Bounds a, Bounds b) {
    return a.getX() < b.getX() + b.getWidth()
        && b.getX() < a.getX() + a.getWidth()
        && a.getY() < b.getY() + b.getHeight()
        && b.getY() < a.getY() + a.getHeight();
  }

  static List<String> constants(Class<?> holder) {
    return Arrays.stream(holder.getDeclaredFields())
        .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
        .map(ProcessModelTest::valueOf)
        .toList();
  }

  private static String valueOf(Field field) {
    try {
      return (String) field.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
