package dev.baton.workers;

import dev.baton.process.JobTypes;
import dev.baton.run.Happened;
import dev.baton.run.RunEvents;
import dev.baton.run.RunProgress;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The model's watchdog looks every {@code stallLimit}: {@code stalled} when nothing moved in the
 * run since the last look, with {@code failureReason} saying where the run stands for the report.
 */
@Component
public class CheckProgressWorker {
  private final RunProgress progress;
  private final RunEvents events;

  public CheckProgressWorker(RunProgress progress, RunEvents events) {
    this.progress = progress;
    this.events = events;
  }

  @JobWorker(type = JobTypes.CHECK_PROGRESS)
  public Map<String, Object> check(
      @Variable String runId, @Variable(optional = true) String stallLimit) {
    RunProgress.Look look = progress.look(runId);
    if (look.moved()) {
      return Map.of("stalled", false);
    }
    String reason =
        "the run stalled: nothing moved for " + human(stallLimit) + " (" + look.situation() + ")";
    events.emit(runId, new Happened.Stalled(reason));
    progress.forget(runId);
    return Map.of("stalled", true, "failureReason", reason);
  }

  static String human(String iso) {
    try {
      Duration d = Duration.parse(iso);
      long s = d.toSeconds();
      return s % 60 != 0 || s < 60
          ? s + " s"
          : s % 3600 != 0 || s < 3600 ? (s / 60) + " min" : (s / 3600) + " h";
    } catch (DateTimeParseException | NullPointerException e) {
      return "the stall limit";
    }
  }
}
