package dev.baton.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.run.Happened;
import dev.baton.run.RunEvent;
import dev.baton.run.RunEvents;
import dev.baton.run.RunJournal;
import dev.baton.run.RunRegistry;
import dev.baton.run.RunSnapshot;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The "needs you" alerts: a dialog Baton must not answer, a usage limit, an exited CLI (from the
 * agents' screens, looked at every {@code baton.live.alert-interval} while a run is under way), an
 * incident and a feature that still fails after its last Ralph cycle (from the run's transitions).
 * Each alert is raised once while its cause lasts: it becomes a {@code needs-you} run event (which
 * {@code baton watch} prints), a count of the {@code baton.alerts} metric by kind, a banner on the
 * page, and a run of {@code baton.notify-command}.
 */
@Component
public class Alerts implements DisposableBean {
  private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);

  /** Kinds that come from an agent's screen and go when the screen changes. */
  private static final Set<String> SCREEN_KINDS = Set.of("dialog", "usage-limit", "exited");

  private final RunRegistry runs;
  private final RunEvents events;
  private final RunJournal journal;
  private final AgentLooks agents;
  private final ObjectProvider<MeterRegistry> meters;
  private final NotifyCommand notify;
  private final LiveProperties properties;
  private final Clock clock;
  private final Map<String, Alert> open = new LinkedHashMap<>();
  private final List<Alert> raised = new ArrayList<>();
  private final java.util.function.Consumer<RunEvent> listener = this::onEvent;
  private ScheduledExecutorService watch;

  public Alerts(
      RunRegistry runs,
      RunEvents events,
      RunJournal journal,
      AgentLooks agents,
      ObjectProvider<MeterRegistry> meters,
      NotifyProperties notify,
      ObjectMapper json,
      LiveProperties properties,
      Clock clock) {
    this.runs = runs;
    this.events = events;
    this.journal = journal;
    this.agents = agents;
    this.meters = meters;
    this.notify = new NotifyCommand(notify, json);
    this.properties = properties;
    this.clock = clock;
    events.subscribe(listener);
  }

  @EventListener(ApplicationReadyEvent.class)
  void startWatching() {
    if (!agents.available() || watch != null) {
      return;
    }
    watch =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("baton-alerts").daemon().unstarted(r));
    long every = properties.alertInterval().toMillis();
    watch.scheduleWithFixedDelay(this::lookQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  /** The alerts open now for one run, oldest first. */
  public synchronized List<Alert> open(String runId) {
    return open.values().stream().filter(a -> a.runId().equals(runId)).toList();
  }

  /** Every alert raised since start, oldest first (tests, the metric's story). */
  public synchronized List<Alert> raised() {
    return List.copyOf(raised);
  }

  private void onEvent(RunEvent e) {
    switch (e.what()) {
      case Happened.Incident incident ->
          raise(
              "incident:" + e.runId() + ":" + incident.taskId(),
              e.runId(),
              "incident",
              e.agent(),
              incident.taskId(),
              e.message(),
              "fix the cause, then resolve the incident (Operate, or zbctl/the REST API: retries), or cancel the run");
      case Happened.Escalated escalated ->
          raise(
              "failing:" + e.runId() + ":" + e.taskId(),
              e.runId(),
              "failing",
              e.agent(),
              e.taskId(),
              e.message(),
              "read the test output in REPORT.md and fix the feature by hand; the run goes on without it");
      default -> {}
    }
  }

  private void lookQuietly() {
    try {
      look();
    } catch (RuntimeException e) {
      LOG.debug("alert watch: {}", e.toString());
    }
  }

  /** One look at the agents' screens. */
  public void look() {
    look(agents.now());
  }

  /**
   * Alerts from what the agents' screens show now ({@code looks}); clears those whose cause has
   * gone.
   */
  void look(List<AgentLook> looks) {
    List<RunSnapshot> underWay =
        runs.all().stream()
            .filter(r -> !r.phase().finished())
            .sorted(Comparator.comparing(RunSnapshot::startedAt))
            .toList();
    Set<String> stillThere = new HashSet<>();
    if (!underWay.isEmpty()) {
      Map<String, String> owners = null;
      for (AgentLook a : looks) {
        String kind =
            switch (a.state()) {
              case "WAITING_FOR_USER" -> "dialog";
              case "RATE_LIMITED" -> "usage-limit";
              case "EXITED", "DEAD" -> "exited";
              default -> null;
            };
        if (kind == null) {
          continue;
        }
        String runId = underWay.getFirst().runId();
        if (a.taskId() != null) {
          owners = owners != null ? owners : journal.owners();
          runId = owners.getOrDefault(a.taskId(), runId);
        }
        String key = kind + ":" + runId + ":" + a.name();
        stillThere.add(key);
        raise(key, runId, kind, a.name(), a.taskId(), message(kind, a), action(kind, a));
      }
    }
    synchronized (this) {
      open.values()
          .removeIf(
              alert -> SCREEN_KINDS.contains(alert.kind()) && !stillThere.contains(alert.key()));
      open.values()
          .removeIf(
              alert ->
                  runs.get(alert.runId()).map(r -> r.phase().finished()).orElse(true)
                      && !alert.kind().equals("failing"));
    }
  }

  private static String message(String kind, AgentLook a) {
    return switch (kind) {
      case "dialog" -> "a dialog or question is on its screen, which Baton does not answer";
      case "usage-limit" ->
          "it hit a usage limit" + (a.reason() != null ? " (" + a.reason() + ")" : "");
      default -> "its CLI has exited (" + a.state().toLowerCase() + ")";
    };
  }

  private static String action(String kind, AgentLook a) {
    return switch (kind) {
      case "dialog" ->
          "answer it in tmux window " + a.target() + "; Baton types nothing while it is there";
      case "usage-limit" ->
          "wait for the limit to reset or raise it; its tasks go to other agents meanwhile";
      default ->
          "start the CLI again in tmux window " + a.target() + "; its tasks go to other agents";
    };
  }

  private void raise(
      String key,
      String runId,
      String kind,
      String agent,
      String taskId,
      String message,
      String action) {
    Alert alert;
    synchronized (this) {
      if (open.containsKey(key)) {
        return;
      }
      alert = new Alert(key, clock.instant(), runId, kind, agent, taskId, message, action);
      open.put(key, alert);
      raised.add(alert);
    }
    events.emit(runId, new Happened.NeedsYou(taskId, agent, kind, message, action));
    MeterRegistry registry = meters.getIfAvailable();
    if (registry != null) {
      Counter.builder("baton.alerts")
          .description("\"needs you\" alerts raised, by kind")
          .tag("kind", kind)
          .register(registry)
          .increment();
    }
    notify.send(alert);
  }

  @Override
  public void destroy() {
    events.unsubscribe(listener);
    if (watch != null) {
      watch.shutdownNow();
    }
  }
}
