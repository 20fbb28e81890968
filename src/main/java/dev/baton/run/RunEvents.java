package dev.baton.run;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Fan-out of {@link RunEvent}s. Every event becomes one structured log line (run id, task id, agent) and is kept
 * in memory for the report of its run.
 */
@Component
public class RunEvents {
  private static final Logger LOG = LoggerFactory.getLogger("dev.baton.transitions");

  private final Clock clock;
  private final List<Consumer<RunEvent>> listeners = new CopyOnWriteArrayList<>();
  private final List<RunEvent> history = new CopyOnWriteArrayList<>();

  public RunEvents(Clock clock) {
    this.clock = clock;
  }

  public void subscribe(Consumer<RunEvent> listener) {
    listeners.add(listener);
  }

  public void unsubscribe(Consumer<RunEvent> listener) {
    listeners.remove(listener);
  }

  public RunEvent emit(String runId, String taskId, String agent, String kind, String message) {
    RunEvent event = new RunEvent(clock.instant(), runId, taskId, agent, kind, message);
    history.add(event);
    LOG.info(
        "run={} task={} agent={} kind={} {}",
        runId,
        taskId == null ? "-" : taskId,
        agent == null ? "-" : agent,
        kind,
        message);
    for (Consumer<RunEvent> listener : listeners) {
      listener.accept(event);
    }
    return event;
  }

  /** Everything that happened in one run, oldest first. */
  public List<RunEvent> of(String runId) {
    return history.stream().filter(e -> e.runId().equals(runId)).toList();
  }
}
