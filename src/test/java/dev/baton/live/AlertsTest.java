package dev.baton.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.baton.run.Happened;
import dev.baton.run.Phase;
import dev.baton.run.RunEvent;
import dev.baton.run.RunEvents;
import dev.baton.run.RunJournal;
import dev.baton.run.RunRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * Each source of a "needs you" alert, and what an alert becomes: a run event, a metric, a notify
 * command's input.
 */
class AlertsTest {
  @TempDir Path dir;
  private final Clock clock = Clock.systemUTC();
  private final ObjectMapper json = JsonMapper.builder().findAndAddModules().build();
  private final MeterRegistry meters = new SimpleMeterRegistry();
  private RunEvents events;
  private RunRegistry runs;
  private Path received;

  @BeforeEach
  void run() {
    events = new RunEvents(clock);
    runs = new RunRegistry(clock, events, new RunJournal(dir, clock));
    runs.register("run-1", "- a task");
    received = dir.resolve("received.jsonl");
  }

  private Alerts alerts(List<String> notify) {
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    beans.addBean("meters", meters);
    return new Alerts(
        runs,
        events,
        new RunJournal(dir, clock),
        new AgentLooks(
            beans.getBeanProvider(dev.baton.agents.AgentRoster.class),
            beans.getBeanProvider(dev.baton.agents.AgentPool.class),
            beans.getBeanProvider(dev.baton.agents.StateProbe.class)),
        beans.getBeanProvider(MeterRegistry.class),
        new NotifyProperties(notify, Duration.ofSeconds(5)),
        json,
        new LiveProperties(
            true,
            Duration.ofMillis(200),
            Duration.ofSeconds(2),
            Duration.ofMillis(300),
            Duration.ofSeconds(2)),
        clock);
  }

  private static AgentLook agent(String name, String state, String task) {
    return new AgentLook(
        name,
        "team:" + name,
        "simulated",
        state,
        "state " + state + " by a rule",
        "BUSY",
        task,
        null);
  }

  private List<RunEvent> needsYou() {
    return events.of("run-1").stream().filter(e -> e.kind().equals("needs-you")).toList();
  }

  private double counted(String kind) {
    var counter = meters.find("baton.alerts").tag("kind", kind).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void aDialogAUsageLimitAndAnExitedCliOnScreenAreRaisedOnceWhileTheyLast() {
    Alerts alerts = alerts(List.of());
    List<AgentLook> screens =
        List.of(
            agent("A", "WAITING_FOR_USER", null),
            agent("B", "RATE_LIMITED", null),
            agent("C", "EXITED", null),
            agent("D", "BUSY", null));
    alerts.look(screens);
    alerts.look(screens); // the same screens again: nothing new

    assertThat(alerts.open("run-1"))
        .extracting(Alert::kind, Alert::agent)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("dialog", "A"),
            org.assertj.core.groups.Tuple.tuple("usage-limit", "B"),
            org.assertj.core.groups.Tuple.tuple("exited", "C"));
    assertThat(needsYou()).hasSize(3);
    assertThat(needsYou().getFirst().message())
        .startsWith("needs you: A: a dialog or question is on its screen")
        .contains("answer it in tmux window team:A");
    assertThat(counted("dialog")).isEqualTo(1);
    assertThat(counted("usage-limit")).isEqualTo(1);
    assertThat(counted("exited")).isEqualTo(1);

    // the dialog was answered: its alert goes; shown again later, it is a new alert
    alerts.look(
        List.of(
            agent("A", "IDLE", null),
            agent("B", "RATE_LIMITED", null),
            agent("C", "EXITED", null)));
    assertThat(alerts.open("run-1")).extracting(Alert::agent).containsExactly("B", "C");
    alerts.look(List.of(agent("A", "WAITING_FOR_USER", null)));
    assertThat(counted("dialog")).isEqualTo(2);
  }

  @Test
  void nothingIsRaisedFromScreensWhileNoRunIsUnderWay() {
    Alerts alerts = alerts(List.of());
    runs.finish("run-1", Phase.DONE, null);
    alerts.look(List.of(agent("A", "WAITING_FOR_USER", null)));
    assertThat(alerts.raised()).isEmpty();
  }

  @Test
  void anIncidentAndAFeatureStillFailingAfterItsLastRalphCycleComeFromTheRunsTransitions() {
    Alerts alerts = alerts(List.of());
    events.emit("run-1", new Happened.Incident("T-002", "check-status", "boom"));
    events.emit("run-1", new Happened.Escalated("T-003", "AMP", "T-001", 3));
    events.emit("run-1", new Happened.TaskCompleted("T-003", "AMP"));

    assertThat(alerts.open("run-1")).extracting(Alert::kind).containsExactly("incident", "failing");
    assertThat(alerts.open("run-1").get(1).line())
        .isEqualTo(
            "needs you: AMP on T-003: T-001 still fails after 3 Ralph cycle(s) — read the test output in REPORT.md and fix the"
                + " feature by hand; the run goes on without it");
    assertThat(counted("incident")).isEqualTo(1);
    assertThat(counted("failing")).isEqualTo(1);
    // when the run ends, the incident goes (nothing more can be done in it), the failing feature
    // stays reported
    runs.finish("run-1", Phase.DONE, null);
    alerts.look(List.of());
    assertThat(alerts.open("run-1")).extracting(Alert::kind).containsExactly("failing");
  }

  @Test
  void theNotifyCommandGetsTheAlertAsJsonOnStdinAsAnArgumentListNeverThroughAShell()
      throws Exception {
    Path script = dir.resolve("notify.sh");
    Files.writeString(script, "#!/bin/sh\ncat >> \"$1\"\necho \"args=$#\" >> \"$1\"\n");
    script.toFile().setExecutable(true);
    String hostile = dir.resolve("out; touch pwned $(touch pwned)").toString();
    Alerts alerts = alerts(List.of(script.toString(), hostile));
    events.emit(
        "run-1",
        new Happened.Incident("T-002", "check-status", "it failed: $(touch /tmp/never) `id`"));

    Path out = Path.of(hostile);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Files.exists(out) && Files.readString(out).contains("args=1"));
    var alert = json.readTree(Files.readAllLines(out).getFirst());
    assertThat(alert.get("kind").asText()).isEqualTo("incident");
    assertThat(alert.get("runId").asText()).isEqualTo("run-1");
    assertThat(alert.get("taskId").asText()).isEqualTo("T-002");
    assertThat(alert.get("message").asText())
        .isEqualTo(
            "check-status failed and is stopped until its incident is resolved: it failed: $(touch /tmp/never) `id`");
    assertThat(dir.resolve("pwned")).doesNotExist();
    assertThat(Path.of("pwned")).doesNotExist();
    assertThat(alerts.raised()).hasSize(1);
  }

  @Test
  void aNotifyCommandThatCannotStartOrHangsDoesNotHoldUpTheAlert() {
    Alerts missing = alerts(List.of(dir.resolve("no-such-program").toString()));
    events.emit("run-1", new Happened.Incident("T-009", "check-status", "boom"));
    assertThat(missing.open("run-1")).hasSize(1);
    assertThat(needsYou()).hasSize(1);
  }
}
