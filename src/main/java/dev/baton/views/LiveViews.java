package dev.baton.views;

import dev.baton.agents.AgentPool;
import dev.baton.agents.AgentRoster;
import dev.baton.agents.StateProbe;
import dev.baton.board.Board;
import dev.baton.board.TaskBoard;
import dev.baton.run.RunJournal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the REST API, the live page, the health indicators and the terminal progress show of the
 * board and agents.
 */
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
                return new AgentInfo(
                    a.name(), a.target(), a.cli().name().toLowerCase(), state, task);
              })
          .toList();
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
