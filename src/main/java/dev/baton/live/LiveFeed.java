package dev.baton.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.RunDetails;
import dev.baton.api.RunSummary;
import dev.baton.run.RunEvent;
import dev.baton.run.RunEvents;
import dev.baton.run.RunRegistry;
import dev.baton.run.RunSnapshot;
import dev.baton.views.BoardSnapshot;
import dev.baton.views.BoardView;
import dev.baton.views.TaskRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A run's live feed as server-sent events. Every {@code baton.live.push-interval} the feed puts
 * together, once per run followed, what the page shows — the run ({@code run}), element statistics
 * ({@code statistics}), the run's board rows with the board's problems ({@code board}), the agents
 * with state and rule ({@code agents}), open alerts ({@code alerts}), the new transitions ({@code
 * events}, appended) and REPORT.md once the run has ended ({@code report}) — and sends each part
 * only when it differs from what that subscriber last received. The first message of a subscription
 * carries every part.
 */
@Component
public class LiveFeed implements DisposableBean {
  private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

  /**
   * A page reconnects when its stream ends; a long-lived stream outlives proxies' idle limits by
   * its pushes.
   */
  static final long STREAM_TIMEOUT_MS = 30 * 60 * 1000L;

  private final RunRegistry runs;
  private final RunEvents events;
  private final ObjectProvider<BoardView> board;
  private final AgentLooks agents;
  private final Alerts alerts;
  private final ObjectProvider<ElementStatistics> statistics;
  private final ObjectMapper json;
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService pusher;

  private static final class Subscriber {
    final String runId;
    final SseEmitter emitter;
    final Map<String, String> sent = new HashMap<>();
    long eventsSent;

    Subscriber(String runId, SseEmitter emitter) {
      this.runId = runId;
      this.emitter = emitter;
    }
  }

  public LiveFeed(
      RunRegistry runs,
      RunEvents events,
      ObjectProvider<BoardView> board,
      AgentLooks agents,
      Alerts alerts,
      ObjectProvider<ElementStatistics> statistics,
      ObjectMapper json,
      LiveProperties properties) {
    this.runs = runs;
    this.events = events;
    this.board = board;
    this.agents = agents;
    this.alerts = alerts;
    this.statistics = statistics;
    this.json = json;
    this.pusher =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("baton-live-feed").daemon().unstarted(r));
    long every = properties.pushInterval().toMillis();
    pusher.scheduleWithFixedDelay(this::pushQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  /** Opens a feed for a known run; the first push follows at once. */
  public SseEmitter subscribe(RunSnapshot run) {
    SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MS);
    Subscriber s = new Subscriber(run.runId(), emitter);
    emitter.onCompletion(() -> subscribers.remove(s));
    emitter.onTimeout(() -> subscribers.remove(s));
    emitter.onError(e -> subscribers.remove(s));
    subscribers.add(s);
    pusher.execute(this::pushQuietly);
    return emitter;
  }

  int subscribers() {
    return subscribers.size();
  }

  private void pushQuietly() {
    try {
      push();
    } catch (RuntimeException e) {
      LOG.warn("live feed: {}", e.toString());
    }
  }

  private synchronized void push() {
    if (subscribers.isEmpty()) {
      return;
    }
    // transitions first: they are at hand, while the other parts read the board and the agents'
    // screens
    for (Subscriber s : subscribers) {
      RunEvents.History history = events.history(s.runId);
      List<RunEvent> fresh = history.after(s.eventsSent);
      if (!fresh.isEmpty()) {
        send(s, "events", write(fresh));
        s.eventsSent = history.total();
      }
    }
    Map<String, Map<String, String>> parts = new HashMap<>();
    String agentsJson = null;
    for (Subscriber s : subscribers) {
      Map<String, String> all = new LinkedHashMap<>(parts.computeIfAbsent(s.runId, this::parts));
      if (agentsJson == null) {
        agentsJson = write(agents.available() ? agents.now() : null);
      }
      all.put("agents", agentsJson);
      for (var part : all.entrySet()) {
        if (part.getValue() != null && !part.getValue().equals(s.sent.get(part.getKey()))) {
          if (send(s, part.getKey(), part.getValue())) {
            s.sent.put(part.getKey(), part.getValue());
          }
        }
      }
    }
  }

  /** Sends one part; a subscriber whose connection has gone is dropped. */
  private boolean send(Subscriber s, String name, String data) {
    if (!subscribers.contains(s)) {
      return false;
    }
    try {
      s.emitter.send(SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
      return true;
    } catch (IOException | IllegalStateException gone) {
      subscribers.remove(s);
      s.emitter.completeWithError(gone);
      return false;
    }
  }

  /** What the page shows of one run, each part as JSON (null: nothing to send). */
  private Map<String, String> parts(String runId) {
    Map<String, String> parts = new LinkedHashMap<>();
    RunSnapshot run = runs.get(runId).orElse(null);
    if (run == null) {
      return parts;
    }
    parts.put("run", write(RunSummary.of(run)));
    ElementStatistics stats = statistics.getIfAvailable();
    Map<String, Object> st = new LinkedHashMap<>();
    if (stats == null) {
      st.put("unavailable", "element statistics are off (baton.live.element-statistics=false)");
    } else if (run.processInstanceKey() <= 0) {
      st.put("unavailable", "the run has no process instance yet");
    } else {
      st.put("source", stats.source());
      stats
          .of(run.processInstanceKey())
          .ifPresentOrElse(
              s -> st.put("instance", s),
              () -> st.put("unavailable", "the engine does not show this run's instance"));
    }
    parts.put("statistics", write(st));
    parts.put("board", write(boardOf(runId)));
    parts.put("alerts", write(alerts.open(runId)));
    if (run.phase().finished()) {
      List<String> notes = new ArrayList<>();
      String report = RunDetails.readReport(run.reportPath(), notes);
      parts.put("report", write(Map.of("text", report == null ? "" : report, "notes", notes)));
    }
    return parts;
  }

  private Map<String, Object> boardOf(String runId) {
    Map<String, Object> out = new LinkedHashMap<>();
    BoardView view = board.getIfAvailable();
    if (view == null) {
      out.put("problems", List.of("no board view in this process"));
      return out;
    }
    try {
      BoardSnapshot all = view.board();
      Set<String> mine =
          new java.util.HashSet<>(view.tasksOf(runId).stream().map(TaskRow::id).toList());
      out.put("file", all.file());
      out.put("tasks", all.tasks().stream().filter(t -> mine.contains(t.id())).toList());
      out.put("problems", all.problems());
    } catch (RuntimeException e) {
      out.put("problems", List.of("the board could not be read: " + e.getMessage()));
    }
    return out;
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void destroy() {
    pusher.shutdownNow();
    subscribers.forEach(s -> s.emitter.complete());
    subscribers.clear();
  }
}
