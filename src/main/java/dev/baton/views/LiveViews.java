package dev.baton.views;

import dev.baton.agents.AgentPool;
import dev.baton.agents.AgentRoster;
import dev.baton.agents.StateProbe;
import dev.baton.api.AgentInfo;
import dev.baton.api.AgentsView;
import dev.baton.api.BoardSnapshot;
import dev.baton.api.BoardView;
import dev.baton.api.RunCanceller;
import dev.baton.api.TaskRow;
import dev.baton.board.Board;
import dev.baton.board.TaskBoard;
import dev.baton.run.OpenTasks;
import dev.baton.run.RunEvents;
import dev.baton.run.RunJournal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the REST API and the terminal progress show of the live board and agents, and how a run is cancelled. */
@Configuration(proxyBeanMethods = false)
public class LiveViews {
  @Bean
  BoardView boardView(TaskBoard board, RunJournal journal) {
    return new BoardView() {
      @Override
      public BoardSnapshot board() {
        Board now = board.read();
        return new BoardSnapshot(
            now.file().toString(),
            now.tasks().stream().map(LiveViews::row).toList(),
            now.problems().stream().map(Object::toString).toList());
      }

      @Override
      public List<TaskRow> tasksOf(String runId) {
        Set<String> mine = new HashSet<>();
        journal
            .get(runId)
            .ifPresent(
                e -> {
                  mine.addAll(e.taskIds());
                  e.testTasks().forEach(t -> mine.add(t.testId()));
                  if (e.planTaskId() != null) {
                    mine.add(e.planTaskId());
                  }
                });
        return board().tasks().stream().filter(r -> mine.contains(r.id())).toList();
      }
    };
  }

  @Bean
  AgentsView agentsView(AgentRoster roster, AgentPool pool, StateProbe probe) {
    return () -> {
      var slots = pool.slots();
      return roster.all().stream()
          .map(
              a -> {
                String task =
                    slots.stream()
                        .filter(s -> s.agent().equals(a.name()))
                        .map(AgentPool.Slot::taskId)
                        .filter(t -> t != null)
                        .findFirst()
                        .orElse(null);
                String state;
                try {
                  state = probe.state(a).name();
                } catch (RuntimeException e) {
                  state = "UNREACHABLE";
                }
                return new AgentInfo(a.name(), a.target(), a.cli().name().toLowerCase(), state, task);
              })
          .toList();
    };
  }

  /**
   * Cancelling a run: its agents are interrupted politely (Escape first), its open tasks (PENDING or IN_PROGRESS) are
   * closed as BLOCKED with the log note "cancelled with run R", and the pool forgets them: they stay that run's, and
   * no other run takes them.
   */
  @Bean
  public RunCanceller runCanceller(RunJournal journal, OpenTasks open, RunEvents events) {
    return runId -> {
      if (journal.get(runId).isEmpty()) {
        return;
      }
      open.close(runId);
      events.emit(runId, null, null, "cancelled", "run cancelled: agents interrupted, open tasks closed as BLOCKED");
    };
  }

  private static TaskRow row(dev.baton.board.TaskRow r) {
    return new TaskRow(
        r.id().value(),
        r.task(),
        r.priority() == null ? null : r.priority().name(),
        r.status().name(),
        r.assignedTo());
  }
}
