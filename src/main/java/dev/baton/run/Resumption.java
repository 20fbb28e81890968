package dev.baton.run;

import dev.baton.agents.Agent;
import dev.baton.agents.AgentPool;
import dev.baton.agents.AgentRoster;
import dev.baton.agents.Observation;
import dev.baton.agents.StateProbe;
import dev.baton.board.Assignee;
import dev.baton.board.Board;
import dev.baton.board.TaskBoard;
import dev.baton.board.TaskRow;
import dev.baton.board.TaskStatus;
import dev.baton.process.ElementIds;
import dev.baton.process.EngineMode;
import dev.baton.run.RunLauncher.InstanceState;
import dev.baton.tmux.Key;
import dev.baton.tmux.TmuxClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Carries an interrupted run to its report after a restart. The embedded engine forgot the
 * instance; the board and the run journal say where the run was: the new instance starts at that
 * phase's sub-process, with only the tasks still open. A task that was IN_PROGRESS with a prompt
 * already submitted stays with its agent and is not prompted again; a prompt still sitting in the
 * agent's input line (Baton died between typing and Enter) is cleared and sent again as the same
 * one prompt; COMPLETED tasks are not redone. An external engine outlives Baton, so there a run
 * whose instance is still active is re-attached, never started a second time.
 */
@Component
public class Resumption {
  private static final Logger LOG = LoggerFactory.getLogger(Resumption.class);

  private final RunJournal journal;
  private final RunLauncher launcher;
  private final RunRegistry registry;
  private final TaskBoard board;
  private final AgentPool pool;
  private final AgentRoster roster;
  private final StateProbe probe;
  private final TmuxClient tmux;
  private final RunEvents events;
  private final RunProperties props;
  private final Set<String> adopted = ConcurrentHashMap.newKeySet();

  public Resumption(
      RunJournal journal,
      RunLauncher launcher,
      RunRegistry registry,
      TaskBoard board,
      AgentPool pool,
      AgentRoster roster,
      StateProbe probe,
      TmuxClient tmux,
      RunEvents events,
      RunProperties props) {
    this.journal = journal;
    this.launcher = launcher;
    this.registry = registry;
    this.board = board;
    this.pool = pool;
    this.roster = roster;
    this.probe = probe;
    this.tmux = tmux;
    this.events = events;
    this.props = props;
  }

  /** The newest unfinished run of this workdir, resumed; empty when there is none. */
  public Optional<RunSnapshot> resumeLatest() {
    List<JournalEntry> open = journal.unfinished();
    if (open.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(resume(open.getLast()));
  }

  /**
   * Resumes one journaled run, unless this Baton already carries it (a run started by a request
   * during start-up is in the journal too, and must not get a second instance).
   *
   * @throws IllegalStateException when an external engine cannot say whether the run's instance
   *     still runs
   */
  public RunSnapshot resume(JournalEntry entry) {
    Optional<RunSnapshot> carried = registry.get(entry.runId());
    if (carried.isPresent()) {
      LOG.info("{} is already carried by this Baton: not resumed again", entry.runId());
      return carried.get();
    }
    if (props.engine() == EngineMode.EXTERNAL) {
      Optional<RunSnapshot> reattached = reattachIfActive(entry);
      if (reattached.isPresent()) {
        return reattached.get();
      }
    }
    if (!launcher.claim(entry)) {
      return registry.get(entry.runId()).orElseThrow();
    }
    // rows this run added that an agent's stale write erased while Baton was down come back on the
    // next reconcile
    board.store().rememberAdded(entry.rows().stream().flatMap(r -> r.toRow().stream()).toList());
    board.store().reconcile();
    Board now = board.read();
    Map<String, Object> vars = new HashMap<>();
    // a run journaled before a parameter existed gets today's default: the model reads every one of
    // them
    RunParameters.defaults(props)
        .asVariables()
        .forEach(
            (k, v) -> {
              if (!entry.parameters().containsKey(k)) {
                vars.put(k, v);
              }
            });
    String element;
    if (entry.phase() == Phase.DECOMPOSE && entry.taskIds().isEmpty()) {
      element = ElementIds.SUBPROCESS_DECOMPOSE;
    } else if (entry.phase().ordinal() >= Phase.TEST.ordinal()
        || !entry.testTasks().isEmpty()
        || allCompleted(entry.taskIds(), now)) {
      element =
          entry.phase() == Phase.REPORT ? ElementIds.SUBPROCESS_REPORT : ElementIds.SUBPROCESS_TEST;
      entry.testTasks().forEach(t -> adoptIfPrompted(entry, t.testId(), now, true));
    } else {
      element = ElementIds.SUBPROCESS_TASKS;
      List<String> open =
          entry.taskIds().stream()
              .filter(
                  id ->
                      now.status(TaskBoard.id(id)).map(s -> s != TaskStatus.COMPLETED).orElse(true))
              .toList();
      open.forEach(id -> adoptIfPrompted(entry, id, now, true));
      vars.put("taskIds", open);
    }
    LOG.info("Resuming {} at {} ({} task(s) adopted)", entry.runId(), element, adopted.size());
    return launcher.resume(journal.get(entry.runId()).orElse(entry), element, vars);
  }

  /**
   * With an external engine the instance may have outlived Baton: if it is active, this Baton takes
   * the run back (its agents are marked busy with their tasks) and no instance is started.
   *
   * @return empty when the instance is gone and a new one must be started
   */
  private Optional<RunSnapshot> reattachIfActive(JournalEntry entry) {
    Long key = entry.processInstanceKey();
    if (key == null) {
      throw new IllegalStateException(
          "run "
              + entry.runId()
              + " has no process instance key in its journal; with an external engine its "
              + "instance may still be active, so it is not resumed (cancel it in Operate, then start the request "
              + "again with --new)");
    }
    InstanceState state = launcher.instanceState(key);
    if (state == InstanceState.UNKNOWN) {
      throw new IllegalStateException(
          "run "
              + entry.runId()
              + " is not resumed: the external engine did not say whether its process instance "
              + key
              + " is still active");
    }
    if (state == InstanceState.GONE) {
      LOG.info(
          "{}: process instance {} is gone from the external engine; starting a new one",
          entry.runId(),
          key);
      return Optional.empty();
    }
    if (!launcher.claim(entry)) {
      return registry.get(entry.runId());
    }
    Board now = board.read();
    entry.taskIds().forEach(id -> adoptIfPrompted(entry, id, now, false));
    entry.testTasks().forEach(t -> adoptIfPrompted(entry, t.testId(), now, false));
    return Optional.of(launcher.reattach(entry, key));
  }

  /**
   * Whether the dispatch of this task to this agent must be skipped once, because the prompt went
   * out before the restart.
   */
  public boolean alreadyPrompted(String taskId, String agent) {
    return adopted.remove(taskId + "@" + agent);
  }

  /**
   * @param skipDispatch the new instance will dispatch the task again, and must not type its prompt
   *     a second time
   */
  private void adoptIfPrompted(JournalEntry entry, String taskId, Board now, boolean skipDispatch) {
    TaskRow row = now.task(TaskBoard.id(taskId)).orElse(null);
    if (row == null || row.status() != TaskStatus.IN_PROGRESS) {
      return;
    }
    entry.prompts().stream()
        .filter(p -> p.taskId().equals(taskId))
        .reduce((a, b) -> b)
        .filter(
            p ->
                roster
                    .byName(p.agent())
                    .map(a -> Assignee.names(row.assignedTo(), a.name()))
                    .orElse(false))
        .ifPresent(
            p -> {
              if (skipDispatch && typedButNotSent(entry.runId(), p)) {
                return;
              }
              pool.adopt(taskId, p.agent());
              if (skipDispatch) {
                adopted.add(taskId + "@" + p.agent());
              }
            });
  }

  /**
   * A prompt is journaled before it is typed; a Baton killed before its Enter leaves the text in
   * the agent's input line. Such a prompt was never delivered: the line is cleared and the journal
   * forgets the record, so the new instance sends it once and the run counts it once. When the
   * screen is unclear (pane gone, busy, no input line) the prompt counts as delivered, as before;
   * so does an input line that does not name the task (a placeholder).
   */
  private boolean typedButNotSent(String runId, JournalEntry.Prompt prompt) {
    Agent agent = roster.byName(prompt.agent()).orElse(null);
    if (agent == null) {
      return false;
    }
    try {
      Observation seen = probe.observe(agent);
      if (!seen.state().isIdle()) {
        return false;
      }
      String pending = agent.patterns().inputText(seen.screen()).orElse("");
      // A CLI's placeholder text sits on an empty input line too: only a line naming the task is
      // the lost prompt.
      if (!pending.contains(prompt.taskId())) {
        return false;
      }
      tmux.sendKey(agent.target(), Key.CTRL_U);
    } catch (RuntimeException e) {
      LOG.warn(
          "{}: could not read {}'s input line ({}); its prompt counts as sent",
          runId,
          agent.name(),
          e.getMessage());
      return false;
    }
    journal.forgetPrompt(runId, prompt);
    events.emit(runId, new Happened.PromptUnsent(prompt.taskId(), agent.name()));
    return true;
  }

  private static boolean allCompleted(List<String> ids, Board now) {
    return !ids.isEmpty()
        && ids.stream()
            .allMatch(
                id ->
                    now.status(TaskBoard.id(id)).map(s -> s == TaskStatus.COMPLETED).orElse(false));
  }
}
