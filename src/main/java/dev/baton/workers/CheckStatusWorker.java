package dev.baton.workers;

import dev.baton.agents.Agent;
import dev.baton.agents.AgentRoster;
import dev.baton.agents.AgentState;
import dev.baton.agents.Observation;
import dev.baton.agents.Reactions;
import dev.baton.agents.SilenceTracker;
import dev.baton.agents.StateProbe;
import dev.baton.board.BlockKind;
import dev.baton.board.Board;
import dev.baton.board.TaskBoard;
import dev.baton.board.TaskId;
import dev.baton.board.TaskRow;
import dev.baton.board.TaskStatus;
import dev.baton.process.JobTypes;
import dev.baton.run.Happened;
import dev.baton.run.RunEvents;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Reads the facts the model routes on, and only reads them: the task's status from its queue row
 * (never from the log, which repeats ids), why it is blocked ({@code blockKind}, from the agent's
 * note, with the note itself), the agent's screen state ({@code screen}, and {@code resetsAt} when
 * it shows a usage limit), whether the tasks a dependency block names are all done or one is gone
 * from the board ({@code dependencies}: waiting, done, gone, with the missing one in {@code
 * missingDependency}), how many polls in a row saw neither a board change nor a busy screen ({@code
 * silentPolls}), and how many saw the agent busy with neither the board nor its screen changing
 * ({@code stuckPolls}). A look the model's "Agent went idle" asked for ({@code wokenBy} {@code
 * idle}) is not a poll: it leaves both counts as they are, since the model counts idle nudges on
 * their own. The model's decision table "What now for the task?" turns them into a route; resting
 * or removing the agent is the release step's act. A tmux server that is gone surfaces as the
 * exception; {@link JobFailures} turns it into the model's {@code RUN_FAILED}.
 */
@Component
public class CheckStatusWorker {
  private final TaskBoard board;
  private final AgentRoster roster;
  private final StateProbe probe;
  private final SilenceTracker silence;
  private final RunEvents events;
  private final Reactions reactions;
  private final Clock clock;

  private static final Pattern TASK_ID = Pattern.compile("T-\\d{3,}");

  public CheckStatusWorker(
      TaskBoard board,
      AgentRoster roster,
      StateProbe probe,
      SilenceTracker silence,
      RunEvents events,
      Reactions reactions,
      Clock clock) {
    this.board = board;
    this.roster = roster;
    this.probe = probe;
    this.silence = silence;
    this.events = events;
    this.reactions = reactions;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.CHECK_STATUS)
  public Map<String, Object> check(
      @Variable String runId,
      @Variable String taskId,
      @Variable String agent,
      @Variable(optional = true) Integer silentPolls,
      @Variable(optional = true) Integer stuckPolls,
      @Variable(optional = true) String wokenBy) {
    board.store().reconcile();
    Board now = board.read();
    TaskRow row = now.task(TaskBoard.id(taskId)).orElse(null);
    TaskStatus status = row == null ? TaskStatus.PENDING : row.status();
    Agent who = roster.require(agent);
    // a COMPLETED row settles the poll whatever the screen shows; not capturing the pane keeps the
    // freed agent's
    // next prompt one tmux call sooner
    Observation seen = status == TaskStatus.COMPLETED ? null : probe.observe(who);
    AgentState screen = seen == null ? null : seen.state();
    Map<String, Object> out = new HashMap<>();
    out.put("status", status.name());
    out.put("screen", screen == null ? null : screen.name());
    out.put(
        "resetsAt", seen == null || seen.resetsAt() == null ? null : seen.resetsAt().toString());
    out.put("blockKind", null);
    out.put("note", null);
    out.put("dependencies", null);
    out.put("missingDependency", null);
    out.put("silentPolls", 0);
    out.put("stuckPolls", 0);

    if (status == TaskStatus.COMPLETED) {
      reactions.completed(row.assignedTo(), taskId, clock.instant());
      events.emit(runId, new Happened.TaskCompleted(taskId, agent));
    } else if (status == TaskStatus.BLOCKED) {
      String note = TaskBoard.lastNote(now, taskId).orElse("");
      BlockKind kind = BlockKind.ofNote(note);
      out.put("blockKind", kind.word());
      out.put("note", note);
      if (kind == BlockKind.DEPENDENCY) {
        String missing = missingTask(now, note);
        out.put("missingDependency", missing);
        out.put(
            "dependencies",
            missing != null ? "gone" : dependenciesDone(now, note) ? "done" : "waiting");
      }
      events.emit(
          runId,
          new Happened.TaskBlocked(
              taskId,
              agent,
              kind.word(),
              note,
              screen == AgentState.RATE_LIMITED,
              seen == null ? null : seen.resetsAt()));
    } else if (screen == AgentState.RATE_LIMITED) {
      // a usage limit is the agent's "out of credits" told by its screen instead of its row:
      // reported as such
      events.emit(
          runId,
          new Happened.TaskBlocked(
              taskId, agent, BlockKind.CREDITS.word(), null, true, seen.resetsAt()));
    } else if (screen == AgentState.DEAD || screen == AgentState.EXITED) {
      events.emit(runId, new Happened.ScreenEnded(taskId, agent, screen.name()));
    } else if ("idle".equals(wokenBy)) {
      out.remove("silentPolls");
      out.remove("stuckPolls");
      events.emit(runId, new Happened.IdleOnTask(taskId, agent, status.name()));
    } else {
      boolean busy = screen == AgentState.BUSY;
      SilenceTracker.Counts counts =
          silence.observe(
              taskId,
              board.fingerprint(now, taskId),
              busy,
              seen.screen(),
              silentPolls == null ? 0 : silentPolls,
              stuckPolls == null ? 0 : stuckPolls);
      out.put("silentPolls", counts.silent());
      out.put("stuckPolls", counts.stuck());
      if (counts.silent() > 0) {
        events.emit(
            runId, new Happened.Silent(taskId, agent, counts.silent(), String.valueOf(screen)));
      }
      if (counts.stuck() > 0) {
        events.emit(runId, new Happened.Stuck(taskId, agent, counts.stuck()));
      }
    }
    return out;
  }

  /** A dependency block whose named tasks are all COMPLETED now only needs a nudge. */
  private static boolean dependenciesDone(Board now, String note) {
    List<TaskId> ids = named(note);
    return !ids.isEmpty()
        && ids.stream()
            .allMatch(
                id -> now.task(id).map(r -> r.status() == TaskStatus.COMPLETED).orElse(false));
  }

  /** The first task the note waits for that has no row on the board any more, or null. */
  static String missingTask(Board now, String note) {
    return named(note).stream()
        .filter(id -> now.task(id).isEmpty())
        .map(TaskId::value)
        .findFirst()
        .orElse(null);
  }

  private static List<TaskId> named(String note) {
    List<TaskId> ids = new ArrayList<>();
    var m = TASK_ID.matcher(note);
    while (m.find()) {
      TaskId.parse(m.group()).ifPresent(ids::add);
    }
    return ids;
  }
}
