package dev.baton.workers;

import dev.baton.agents.Agent;
import dev.baton.agents.AgentPool;
import dev.baton.agents.AgentRoster;
import dev.baton.agents.AgentState;
import dev.baton.agents.Observation;
import dev.baton.agents.StateProbe;
import dev.baton.board.Board;
import dev.baton.board.TaskRow;
import dev.baton.board.TaskStatus;
import dev.baton.process.JobTypes;
import dev.baton.run.Phase;
import dev.baton.run.RunEvents;
import dev.baton.run.RunProperties;
import dev.baton.run.RunRegistry;
import dev.baton.tasks.BlockKind;
import dev.baton.tasks.SilenceTracker;
import dev.baton.tasks.TaskBoard;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Reads the facts the model routes on: the task's status from its queue row (never from the log, which repeats
 * ids), why it is blocked (from the agent's note, or from a screen showing a usage limit or a dead pane), and how
 * many polls in a row saw neither a board change nor a busy screen.
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

  public CheckStatusWorker(
      TaskBoard board,
      AgentRoster roster,
      StateProbe probe,
      AgentPool pool,
      SilenceTracker silence,
      RunRegistry runs,
      RunEvents events,
      RunProperties props) {
    this.board = board;
    this.roster = roster;
    this.probe = probe;
    this.pool = pool;
    this.silence = silence;
    this.runs = runs;
    this.events = events;
    this.props = props;
  }

  @JobWorker(type = JobTypes.CHECK_STATUS)
  public Map<String, Object> check(
      @Variable String runId,
      @Variable String taskId,
      @Variable String agent,
      @Variable(optional = true) Integer silentPolls) {
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
    out.put("silentPolls", 0);

    if (status == TaskStatus.COMPLETED) {
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
      int silent = silence.observe(taskId, board.fingerprint(now, taskId), busy, silentPolls == null ? 0 : silentPolls);
      out.put("silentPolls", silent);
      if (silent > 0) {
        events.emit(runId, taskId, agent, "silent", agent + " silent for " + silent + " poll(s), screen " + screen);
      }
    }
    out.put("status", status.name());
    return out;
  }

  /** A dependency block whose named tasks are all COMPLETED now only needs a nudge. */
  private static boolean dependenciesDone(Board now, String note) {
    java.util.List<dev.baton.board.TaskId> ids = new java.util.ArrayList<>();
    var m = java.util.regex.Pattern.compile("T-\\d{3,}").matcher(note);
    while (m.find()) {
      dev.baton.board.TaskId.parse(m.group()).ifPresent(ids::add);
    }
    return !ids.isEmpty()
        && ids.stream()
            .allMatch(id -> now.task(id).map(r -> r.status() == TaskStatus.COMPLETED).orElse(false));
  }
}
