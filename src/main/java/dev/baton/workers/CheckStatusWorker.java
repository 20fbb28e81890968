package dev.baton.workers;

import dev.baton.agents.Agent;
import dev.baton.agents.AgentPool;
import dev.baton.agents.AgentRoster;
import dev.baton.agents.AgentState;
import dev.baton.agents.Observation;
import dev.baton.agents.StateProbe;
import dev.baton.board.Board;
import dev.baton.board.TaskId;
import dev.baton.board.TaskRow;
import dev.baton.board.TaskStatus;
import dev.baton.process.JobTypes;
import dev.baton.run.Phase;
import dev.baton.run.RunEvents;
import dev.baton.run.RunProperties;
import dev.baton.run.RunRegistry;
import dev.baton.tasks.BlockKind;
import dev.baton.tasks.Reactions;
import dev.baton.tasks.SilenceTracker;
import dev.baton.tasks.TaskBoard;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.time.Instant;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Reads the facts the model routes on: the task's status from its queue row (never from the log, which repeats
 * ids), why it is blocked (from the agent's note, or from a screen showing a usage limit or a dead pane), how many
 * polls in a row saw neither a board change nor a busy screen ({@code silentPolls}), and how many saw the agent busy
 * with neither the board nor its screen changing ({@code stuckPolls}). A dependency block that names a task no longer
 * on the board is {@code dependency-gone}, with the task in {@code missingDependency}. A tmux server that is gone
 * surfaces as the exception; {@link JobFailures} turns it into the model's {@code RUN_FAILED}.
 */
@Component
public class CheckStatusWorker {
  private final TaskBoard board;
  private final AgentRoster roster;
  private final StateProbe probe;
  private final AgentPool pool;
  private final SilenceTracker silence;
  private final RunRegistry runs;
  private final RunEvents events;
  private final RunProperties props;
  private final Reactions reactions;
  private final Clock clock;

  private static final Pattern TASK_ID = Pattern.compile("T-\\d{3,}");

  public CheckStatusWorker(
      TaskBoard board,
      AgentRoster roster,
      StateProbe probe,
      AgentPool pool,
      SilenceTracker silence,
      RunRegistry runs,
      RunEvents events,
      RunProperties props,
      Reactions reactions,
      Clock clock) {
    this.board = board;
    this.roster = roster;
    this.probe = probe;
    this.pool = pool;
    this.silence = silence;
    this.runs = runs;
    this.events = events;
    this.props = props;
    this.reactions = reactions;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.CHECK_STATUS)
  public Map<String, Object> check(
      @Variable String runId,
      @Variable String taskId,
      @Variable String agent,
      @Variable(optional = true) Integer silentPolls,
      @Variable(optional = true) Integer stuckPolls) {
    runs.phase(runId, Phase.POLL);
    board.store().reconcile();
    Board now = board.read();
    TaskRow row = now.task(TaskBoard.id(taskId)).orElse(null);
    TaskStatus status = row == null ? TaskStatus.PENDING : row.status();
    Agent who = roster.require(agent);
    // a COMPLETED row settles the poll whatever the screen shows; not capturing the pane keeps the freed agent's
    // next prompt one tmux call sooner
    Observation seen = status == TaskStatus.COMPLETED ? null : probe.observe(who);
    AgentState screen = seen == null ? null : seen.state();
    Instant resetsAt = seen == null ? null : seen.resetsAt();
    Map<String, Object> out = new HashMap<>();
    out.put("blockKind", null);
    out.put("missingDependency", null);
    out.put("silentPolls", 0);
    out.put("stuckPolls", 0);

    if (status == TaskStatus.COMPLETED) {
      reactions.completed(row.assignedTo(), taskId, clock.instant());
      events.emit(runId, taskId, agent, "completed", "COMPLETED by " + agent);
    } else if (screen == AgentState.DEAD || screen == AgentState.EXITED) {
      status = TaskStatus.BLOCKED;
      out.put("blockKind", BlockKind.AGENT_GONE.word());
      pool.remove(agent, "pane " + screen.name().toLowerCase());
      events.emit(
          runId, taskId, agent, "agent-gone", agent + " left the pool: its pane is " + screen.name().toLowerCase());
    } else if (status == TaskStatus.BLOCKED) {
      String note = TaskBoard.lastNote(now, taskId).orElse("");
      BlockKind kind = BlockKind.ofNote(note);
      String missing = kind == BlockKind.DEPENDENCY ? missingTask(now, note) : null;
      if (missing != null) {
        out.put("blockKind", "dependency-gone");
        out.put("missingDependency", missing);
        events.emit(
            runId, taskId, agent, "blocked", "BLOCKED (dependency-gone): " + missing + " is no longer on the board");
        out.put("status", status.name());
        return out;
      }
      if (kind == BlockKind.DEPENDENCY && dependenciesDone(now, note)) {
        kind = BlockKind.TECHNICAL;
        events.emit(runId, taskId, agent, "unblocked", "the task it waited for is COMPLETED");
      }
      if (screen == AgentState.RATE_LIMITED && kind == BlockKind.TECHNICAL) {
        kind = BlockKind.CREDITS;
      }
      out.put("blockKind", kind.word());
      if (kind == BlockKind.CREDITS) {
        pool.coolDown(agent, props.cooldown(), resetsAt, "usage limit");
      }
      events.emit(runId, taskId, agent, "blocked", "BLOCKED (" + kind.word() + "): " + note);
    } else if (screen == AgentState.RATE_LIMITED) {
      status = TaskStatus.BLOCKED;
      out.put("blockKind", BlockKind.CREDITS.word());
      pool.coolDown(agent, props.cooldown(), resetsAt, "usage limit on screen");
      events.emit(
          runId, taskId, agent, "blocked",
          "BLOCKED (credits): the screen shows a usage limit" + (resetsAt == null ? "" : " until " + resetsAt));
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
            runId, taskId, agent, "silent", agent + " silent for " + counts.silent() + " poll(s), screen " + screen);
      }
      if (counts.stuck() > 0) {
        out.put("blockKind", "stuck"); // read by the gateway only for BLOCKED rows; names the reassignment
        events.emit(
            runId,
            taskId,
            agent,
            "stuck",
            agent + " busy with no change on its screen or the board for " + counts.stuck() + " poll(s)");
      }
    }
    out.put("status", status.name());
    return out;
  }

  /** A dependency block whose named tasks are all COMPLETED now only needs a nudge. */
  private static boolean dependenciesDone(Board now, String note) {
    List<TaskId> ids = named(note);
    return !ids.isEmpty()
        && ids.stream()
            .allMatch(id -> now.task(id).map(r -> r.status() == TaskStatus.COMPLETED).orElse(false));
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
