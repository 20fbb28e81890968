package dev.baton.run;

import dev.baton.isolation.Merges;
import dev.baton.isolation.Workspaces;
import dev.baton.process.ModelDeployment;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import io.grpc.Status;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/**
 * Starts one process instance per request: the only way a run begins, from the CLI, REST or a
 * resume.
 */
@Component
public class RunLauncher {
  /** The process id in {@code bpmn/baton.bpmn}. */
  public static final String PROCESS_ID = "baton";

  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final CamundaClient client;
  private final RunJournal journal;
  private final RunRegistry registry;
  private final RunEvents events;
  private final Clock clock;
  private final Workspaces workspaces;
  private final Merges merges;
  private final ModelDeployment deployment;

  public RunLauncher(
      CamundaClient client,
      RunJournal journal,
      RunRegistry registry,
      RunEvents events,
      Clock clock,
      ModelDeployment deployment,
      Workspaces workspaces,
      Merges merges) {
    this.workspaces = workspaces;
    this.merges = merges;
    this.client = client;
    this.journal = journal;
    this.registry = registry;
    this.events = events;
    this.clock = clock;
    this.deployment = deployment;
  }

  public RunSnapshot start(String request, RunParameters parameters) {
    return start(request, parameters, Map.of());
  }

  /**
   * @param extra further start variables (a resumed run passes the phase to resume from and its
   *     task ids)
   */
  public RunSnapshot start(String request, RunParameters parameters, Map<String, Object> extra) {
    if (request == null || request.isBlank()) {
      throw new IllegalArgumentException("the request is empty: say what the agents should do");
    }
    deployment.await(); // no instance before the model is deployed (it is, once Baton has started)
    String runId = newRunId();
    // worktree isolation: refuses a dirty workdir before anything of the run exists
    workspaces.prepare(runId, true);
    Map<String, Object> journaled = new HashMap<>(parameters.asVariables());
    journaled.put(dev.baton.process.Variables.ISOLATION, workspaces.mode().variable());
    // Registered before its journal exists: a resume that lists the journals then sees the run is
    // carried here.
    registry.claim(runId, request);
    journal.begin(runId, request, journaled);
    Map<String, Object> vars = new HashMap<>(journaled);
    vars.putAll(extra);
    vars.put("runId", runId);
    vars.put("request", request);
    var command =
        client.newCreateInstanceCommand().bpmnProcessId(PROCESS_ID).latestVersion().variables(vars);
    long key = command.send().join().getProcessInstanceKey();
    journal.instance(runId, key);
    registry.started(runId, key);
    events.emit(runId, new Happened.RunStarted(key));
    return registry.get(runId).orElseThrow();
  }

  /**
   * Takes a journaled run for this Baton.
   *
   * @return false when this Baton already carries it (a new request or an earlier resume got there
   *     first)
   */
  public boolean claim(JournalEntry entry) {
    return registry.claim(entry.runId(), entry.request());
  }

  /** Whether an instance is still running on the engine; only an external engine outlives Baton. */
  public enum InstanceState {
    ACTIVE,
    GONE,
    UNKNOWN
  }

  /**
   * Asks the engine whether the instance still runs. The gRPC API has no query, so a harmless
   * variable is set on it: accepted means active, NOT_FOUND means it ended or never existed on this
   * engine.
   */
  public InstanceState instanceState(long processInstanceKey) {
    try {
      client
          .newSetVariablesCommand(processInstanceKey)
          .variables(Map.of("batonReattachedAt", clock.instant().toString()))
          .send()
          .join();
      return InstanceState.ACTIVE;
    } catch (ClientStatusException e) {
      return e.getStatusCode() == Status.Code.NOT_FOUND
          ? InstanceState.GONE
          : InstanceState.UNKNOWN;
    } catch (ProblemException e) {
      return e.code() == 404 ? InstanceState.GONE : InstanceState.UNKNOWN;
    } catch (RuntimeException e) {
      return InstanceState.UNKNOWN;
    }
  }

  /**
   * Carries on a run whose instance is still active on an external engine: no new instance is
   * started.
   */
  public RunSnapshot reattach(JournalEntry entry, long processInstanceKey) {
    registry.started(entry.runId(), processInstanceKey);
    events.emit(entry.runId(), new Happened.RunReattached(processInstanceKey));
    return registry.get(entry.runId()).orElseThrow();
  }

  /**
   * Starts a new instance for a run found unfinished in the journal, entering the model at {@code
   * elementId} (one of the phase sub-processes) with the variables that phase reads.
   */
  public RunSnapshot resume(JournalEntry entry, String elementId, Map<String, Object> vars) {
    claim(entry);
    // worktree isolation: the run's worktrees are found again, work finished while Baton was
    // stopped is merged
    merges.resume(entry.runId());
    Map<String, Object> all = new HashMap<>(entry.parameters());
    all.putIfAbsent(dev.baton.process.Variables.ISOLATION, workspaces.mode().variable());
    all.putAll(vars);
    all.put("runId", entry.runId());
    all.put("request", entry.request());
    long key =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(PROCESS_ID)
            .latestVersion()
            .variables(all)
            .startBeforeElement(elementId)
            .send()
            .join()
            .getProcessInstanceKey();
    journal.instance(entry.runId(), key);
    registry.started(entry.runId(), key);
    events.emit(entry.runId(), new Happened.RunResumed(elementId, key));
    return registry.get(entry.runId()).orElseThrow();
  }

  private String newRunId() {
    return "run-"
        + ID_TIME.format(clock.instant())
        + "-"
        + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
  }
}
