package dev.baton.tasks;

import dev.baton.agents.AgentPool;
import dev.baton.agents.AgentRoster;
import dev.baton.board.Board;
import dev.baton.board.TaskRow;
import dev.baton.board.TaskStatus;
import dev.baton.process.ElementIds;
import dev.baton.run.JournalEntry;
import dev.baton.run.Phase;
import dev.baton.run.RunJournal;
import dev.baton.run.RunLauncher;
import dev.baton.run.RunParameters;
import dev.baton.run.RunProperties;
import dev.baton.run.RunSnapshot;
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
 * Carries an interrupted run to its report after a restart. The embedded engine forgot the instance; the board and
 * the run journal say where the run was: the new instance starts at that phase's sub-process, with only the tasks
 * still open. A task that was IN_PROGRESS with a prompt already sent stays with its agent and is not prompted
 * again; COMPLETED tasks are not redone.
 */
@Component
public class Resumption {
  private static final Logger LOG = LoggerFactory.getLogger(Resumption.class);

  private final RunJournal journal;
  private final RunLauncher launcher;
  private final TaskBoard board;
  private final AgentPool pool;
  private final AgentRoster roster;
  private final RunProperties props;
  private final Set<String> adopted = ConcurrentHashMap.newKeySet();

  public Resumption(
      RunJournal journal,
      RunLauncher launcher,
      TaskBoard board,
      AgentPool pool,
      AgentRoster roster,
      RunProperties props) {
    this.journal = journal;
    this.launcher = launcher;
    this.board = board;
    this.pool = pool;
    this.roster = roster;
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

  public RunSnapshot resume(JournalEntry entry) {
    Board now = board.read();
    Map<String, Object> vars = new HashMap<>();
    // a run journaled before a parameter existed gets today's default: the model reads every one of them
    RunParameters.defaults(props).asVariables().forEach((k, v) -> {
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
      element = entry.phase() == Phase.REPORT ? ElementIds.SUBPROCESS_REPORT : ElementIds.SUBPROCESS_TEST;
      entry.testTasks().forEach(t -> adoptIfPrompted(entry, t.testId(), now));
    } else {
      element = ElementIds.SUBPROCESS_TASKS;
      List<String> open =
          entry.taskIds().stream()
              .filter(id -> now.status(TaskBoard.id(id)).map(s -> s != TaskStatus.COMPLETED).orElse(true))
              .toList();
      open.forEach(id -> adoptIfPrompted(entry, id, now));
      vars.put("taskIds", open);
    }
    LOG.info("Resuming {} at {} ({} task(s) adopted)", entry.runId(), element, adopted.size());
    return launcher.resume(entry, element, vars);
  }

  /**
   * Whether the dispatch of this task to this agent must be skipped once, because the prompt went out before the
   * restart.
   */
  public boolean alreadyPrompted(String taskId, String agent) {
    return adopted.remove(taskId + "@" + agent);
  }

  private void adoptIfPrompted(JournalEntry entry, String taskId, Board now) {
    TaskRow row = now.task(TaskBoard.id(taskId)).orElse(null);
    if (row == null || row.status() != TaskStatus.IN_PROGRESS) {
      return;
    }
    entry.prompts().stream()
        .filter(p -> p.taskId().equals(taskId))
        .reduce((a, b) -> b)
        .filter(p -> roster.byName(p.agent()).map(a -> a.assignedTo().equals(row.assignedTo())).orElse(false))
        .ifPresent(
            p -> {
              pool.adopt(taskId, p.agent());
              adopted.add(taskId + "@" + p.agent());
            });
  }

  private static boolean allCompleted(List<String> ids, Board now) {
    return !ids.isEmpty()
        && ids.stream()
            .allMatch(id -> now.status(TaskBoard.id(id)).map(s -> s == TaskStatus.COMPLETED).orElse(false));
  }
}
