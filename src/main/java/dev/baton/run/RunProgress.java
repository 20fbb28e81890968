package dev.baton.run;

import dev.baton.agents.AgentPool;
import dev.baton.agents.AgentRoster;
import dev.baton.agents.SilenceTracker;
import dev.baton.agents.StateProbe;
import dev.baton.board.Board;
import dev.baton.board.TaskBoard;
import dev.baton.board.TaskStatus;
import dev.baton.testcommand.TestRuns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Whether a run moved since the model's watchdog last looked: a prompt sent, a row or log line of
 * one of its tasks changed, the screen of an agent holding one of its tasks changed (digits and
 * spinner glyphs masked, so a clock or a spinner alone is not progress), or Baton is running the
 * test command. A run where none of that happened for a whole {@code stallLimit} cannot end by
 * itself: no agent left or all resting, every task waiting for an agent or for another task, or an
 * agent stuck where no per-task rule reaches it.
 */
@Component
public class RunProgress {
  private final RunJournal journal;
  private final TaskBoard board;
  private final OpenTasks open;
  private final AgentPool pool;
  private final AgentRoster roster;
  private final StateProbe probe;
  private final TestRuns testRuns;
  private final Map<String, Snapshot> last = new ConcurrentHashMap<>();

  /** What a look compares. */
  private record Snapshot(int prompts, String board, Map<String, String> screens) {}

  /**
   * @param moved whether anything moved since the previous look (the first look counts a prompt
   *     sent or a task held as movement, since the run's start)
   * @param situation one sentence on where the run stands, for the report of a stalled run
   */
  public record Look(boolean moved, String situation) {}

  public RunProgress(
      RunJournal journal,
      TaskBoard board,
      OpenTasks open,
      AgentPool pool,
      AgentRoster roster,
      StateProbe probe,
      TestRuns testRuns) {
    this.journal = journal;
    this.board = board;
    this.open = open;
    this.pool = pool;
    this.roster = roster;
    this.probe = probe;
    this.testRuns = testRuns;
  }

  public Look look(String runId) {
    JournalEntry entry = journal.get(runId).orElse(null);
    Set<String> ids = open.of(runId);
    Board now = board.read();
    String rows =
        ids.stream().map(id -> board.fingerprint(now, id)).collect(Collectors.joining("\n"));
    Map<String, String> screens = new TreeMap<>();
    for (AgentPool.Slot slot : pool.slots()) {
      if (slot.taskId() != null && ids.contains(slot.taskId())) {
        screens.put(slot.agent(), screen(slot.agent()));
      }
    }
    Snapshot snap = new Snapshot(entry == null ? 0 : entry.prompts().size(), rows, screens);
    Snapshot before = last.put(runId, snap);
    boolean moved =
        testRuns.anyRunning()
            || (before == null ? snap.prompts() > 0 || !screens.isEmpty() : !before.equals(snap));
    return new Look(moved, situation(ids, now));
  }

  /** The run ended: its last look is not needed any more. */
  public void forget(String runId) {
    last.remove(runId);
  }

  private String screen(String agent) {
    try {
      return roster
          .byName(agent)
          .map(a -> SilenceTracker.mask(probe.observe(a).screen()))
          .orElse("");
    } catch (RuntimeException e) {
      return "unreachable: " + e.getClass().getSimpleName();
    }
  }

  private String situation(Set<String> ids, Board now) {
    List<String> tasks = new ArrayList<>();
    int openCount = 0;
    for (String id : ids) {
      TaskStatus status = now.status(TaskBoard.id(id)).orElse(null);
      if (status == TaskStatus.COMPLETED) {
        continue;
      }
      openCount++;
      if (tasks.size() < 5) {
        String holder = pool.agentOf(id).orElse(null);
        boolean waiting = pool.waiting().stream().anyMatch(w -> w.taskId().equals(id));
        tasks.add(
            id
                + " "
                + (status == null ? "not on the board" : status.name())
                + (holder != null ? " with " + holder : waiting ? " waiting for an agent" : ""));
      }
    }
    List<String> agents =
        pool.slots().stream()
            .map(
                s ->
                    s.agent()
                        + " "
                        + s.availability().name().toLowerCase()
                        + (s.until() != null ? " until " + s.until() : "")
                        + (s.reason() != null ? " (" + s.reason() + ")" : ""))
            .toList();
    return openCount
        + " open task(s)"
        + (tasks.isEmpty()
            ? ""
            : ": " + String.join(", ", tasks) + (openCount > tasks.size() ? ", …" : ""))
        + "; agents: "
        + (agents.isEmpty() ? "none" : String.join(", ", agents));
  }
}
