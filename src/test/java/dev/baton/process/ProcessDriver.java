package dev.baton.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.assertions.BpmnAssert;
import io.camunda.zeebe.process.test.assertions.ProcessInstanceAssert;
import io.camunda.zeebe.process.test.filters.RecordStream;
import io.camunda.zeebe.process.test.inspections.model.InspectedProcessInstance;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Drives the real {@code bpmn/baton.bpmn} on the embedded engine: the test plays every job worker
 * by activating jobs of one type and answering each with a completion or a BPMN error. Later worker
 * tests can reuse it.
 */
final class ProcessDriver implements AutoCloseable {
  static final Path MODEL = Path.of("bpmn", "baton.bpmn");
  private static final Duration IDLE_WAIT = Duration.ofSeconds(5);
  private static final Duration JOB_WAIT = Duration.ofSeconds(15);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ZeebeTestEngine engine;
  private final CamundaClient client;
  private final List<PhaseEntered> phases = new ArrayList<>();

  /** What the test answers to one job. */
  sealed interface Reply {}

  record Complete(Map<String, Object> variables) implements Reply {}

  record Fail(String errorCode, String message, Map<String, Object> variables) implements Reply {}

  static Reply complete(Map<String, Object> variables) {
    return new Complete(variables);
  }

  static Reply complete() {
    return new Complete(Map.of());
  }

  static Reply bpmnError(String code, Map<String, Object> variables) {
    return new Fail(code, "thrown by the test", variables);
  }

  private ProcessDriver(ZeebeTestEngine engine, CamundaClient client) {
    this.engine = engine;
    this.client = client;
  }

  /**
   * Starts a fresh engine, wired as Baton wires its embedded one, and deploys the model from the
   * working directory (the project root under Maven).
   */
  static ProcessDriver start() {
    LoopbackEngine loopback = LoopbackEngine.start();
    ZeebeTestEngine engine = loopback.engine();
    CamundaClient client = loopback.client();
    BpmnAssert.initRecordStream(RecordStream.of(engine.getRecordStreamSource()));
    ProcessDriver driver = new ProcessDriver(engine, client);
    ProcessModel model = ProcessModel.load(MODEL);
    var deploy =
        client.newDeployResourceCommand().addResourceStringUtf8(model.xml(), model.resourceName());
    for (Path decision : model.decisions()) {
      deploy = deploy.addResourceFile(decision.toString());
    }
    deploy.send().join();
    return driver;
  }

  /** The start variables Baton sets, with the documented defaults. */
  static Map<String, Object> startVariables(String request) {
    Map<String, Object> vars = new HashMap<>();
    vars.put(Variables.RUN_ID, "run-1");
    vars.put(Variables.REQUEST, request);
    vars.put(Variables.POLL_INTERVAL, "PT80S");
    vars.put(Variables.INACTIVE_POLLS, 2);
    vars.put(Variables.MAX_RALPH_CYCLES, 3);
    vars.put(Variables.SUBMIT_RETRIES, 3);
    vars.put(Variables.STALL_POLLS, 5);
    vars.put(Variables.TASK_TIMEOUT, "PT45M");
    vars.put(Variables.STALL_LIMIT, "PT30M");
    vars.put(Variables.IDLE_NUDGE_LIMIT, 2);
    return vars;
  }

  long startRun(Map<String, Object> variables) {
    long key =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(ElementIds.PROCESS)
            .latestVersion()
            .variables(variables)
            .send()
            .join()
            .getProcessInstanceKey();
    idle();
    return key;
  }

  /**
   * Waits for exactly {@code expected} jobs of {@code type} (failing if fewer show up) and answers
   * each one.
   *
   * @return the jobs answered, in activation order
   */
  List<ActivatedJob> handle(String type, int expected, Function<ActivatedJob, Reply> responder) {
    List<ActivatedJob> jobs = activate(type, expected);
    Map<ActivatedJob, Reply> replies = new java.util.LinkedHashMap<>();
    jobs.forEach(job -> replies.put(job, responder.apply(job)));
    // completions first: an error that ends the run would cancel the jobs still to be answered
    List<Map.Entry<ActivatedJob, Reply>> ordered = new ArrayList<>(replies.entrySet());
    ordered.sort(java.util.Comparator.comparing(e -> e.getValue() instanceof Fail));
    for (Map.Entry<ActivatedJob, Reply> entry : ordered) {
      ActivatedJob job = entry.getKey();
      switch (entry.getValue()) {
        case Complete c -> client.newCompleteCommand(job).variables(c.variables()).send().join();
        case Fail f ->
            client
                .newThrowErrorCommand(job)
                .errorCode(f.errorCode())
                .errorMessage(f.message())
                .variables(f.variables())
                .send()
                .join();
      }
    }
    idle();
    return jobs;
  }

  /** Answers exactly one job of {@code type}. */
  ActivatedJob handleOne(String type, Reply reply) {
    return handle(type, 1, job -> reply).get(0);
  }

  /** Asserts that no job of {@code type} is waiting now. */
  void assertNoJob(String type) {
    idle();
    List<ActivatedJob> jobs =
        client
            .newActivateJobsCommand()
            .jobType(type)
            .maxJobsToActivate(10)
            .requestTimeout(Duration.ofMillis(200))
            .send()
            .join()
            .getJobs();
    assertThat(jobs).as("jobs of type %s", type).isEmpty();
  }

  private List<ActivatedJob> activate(String type, int expected) {
    List<ActivatedJob> jobs = new ArrayList<>();
    long deadline = System.nanoTime() + JOB_WAIT.toNanos();
    while (jobs.size() < expected && System.nanoTime() < deadline) {
      idle();
      jobs.addAll(
          client
              .newActivateJobsCommand()
              .jobType(type)
              .maxJobsToActivate(expected - jobs.size())
              .timeout(Duration.ofHours(1))
              .requestTimeout(Duration.ofMillis(500))
              .send()
              .join()
              .getJobs());
    }
    assertThat(jobs).as("jobs of type %s", type).hasSize(expected);
    return jobs;
  }

  /**
   * The engine's client, for code that asks the engine itself (a decision evaluated by a worker).
   */
  CamundaClient client() {
    return client;
  }

  /**
   * Deploys one more resource (a changed decision table becomes the latest version its callers
   * use).
   */
  void deploy(String resourceName, String text) {
    client.newDeployResourceCommand().addResourceStringUtf8(text, resourceName).send().join();
  }

  /**
   * Evaluates one deployed decision on its own, as the business-rule task would with these
   * variables.
   */
  io.camunda.client.api.response.EvaluateDecisionResponse evaluate(
      String decisionId, Map<String, Object> variables) {
    return client
        .newEvaluateDecisionCommand()
        .decisionId(decisionId)
        .variables(variables)
        .send()
        .join();
  }

  void publish(String messageName, String correlationKey) {
    client
        .newPublishMessageCommand()
        .messageName(messageName)
        .correlationKey(correlationKey)
        .timeToLive(Duration.ofMinutes(1))
        .send()
        .join();
    idle();
  }

  /** Moves the engine clock on, e.g. by one poll interval so every poll timer fires. */
  void advance(Duration duration) {
    engine.increaseTime(duration);
    idle();
  }

  /**
   * Waits until the engine has nothing left to do. The phase listeners ({@link JobTypes#PHASE}) are
   * answered here as Baton's phase worker answers them, and recorded in {@link #phases()}: every
   * scenario passes through them.
   */
  void idle() {
    waitForIdle();
    List<ActivatedJob> listeners;
    do {
      listeners =
          client
              .newActivateJobsCommand()
              .jobType(JobTypes.PHASE)
              .maxJobsToActivate(32)
              .timeout(Duration.ofHours(1))
              .requestTimeout(Duration.ofMillis(50))
              .send()
              .join()
              .getJobs();
      for (ActivatedJob job : listeners) {
        phases.add(
            new PhaseEntered(
                job.getProcessInstanceKey(),
                job.getElementId(),
                (String) job.getVariablesAsMap().get(Variables.RUN_PHASE)));
        client.newCompleteCommand(job).send().join();
      }
      waitForIdle();
    } while (!listeners.isEmpty());
  }

  private void waitForIdle() {
    try {
      engine.waitForIdleState(IDLE_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("engine did not become idle", e);
    }
  }

  /**
   * A phase listener's job as the engine handed it out: where it fired and the phase its element
   * names.
   */
  record PhaseEntered(long processInstanceKey, String elementId, String runPhase) {}

  /** The phase listeners answered so far, in the order the engine raised them. */
  List<PhaseEntered> phases() {
    idle();
    return List.copyOf(phases);
  }

  ProcessInstanceAssert assertRun(long processInstanceKey) {
    idle();
    return BpmnAssert.assertThat(new InspectedProcessInstance(processInstanceKey));
  }

  /** Latest value of a variable of the run's root scope, parsed from JSON (null when never set). */
  Object variable(long processInstanceKey, String name) {
    idle();
    Object value = null;
    for (Record<VariableRecordValue> record :
        RecordStream.of(engine.getRecordStreamSource()).variableRecords()) {
      VariableRecordValue v = record.getValue();
      if (v.getScopeKey() == processInstanceKey && v.getName().equals(name)) {
        try {
          value = JSON.readValue(v.getValue(), Object.class);
        } catch (java.io.IOException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return value;
  }

  @Override
  public void close() {
    BpmnAssert.resetRecordStream();
    client.close();
    engine.stop();
  }
}
