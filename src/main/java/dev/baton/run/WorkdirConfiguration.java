package dev.baton.run;

import dev.baton.agents.Agent;
import dev.baton.agents.AgentPool;
import dev.baton.agents.AgentRoster;
import dev.baton.agents.AgentsProperties;
import dev.baton.agents.StateProbe;
import dev.baton.board.Board;
import dev.baton.board.BoardStore;
import dev.baton.board.BoardWatcher;
import dev.baton.board.Dependencies;
import dev.baton.board.TaskBoard;
import dev.baton.board.TaskStatus;
import dev.baton.isolation.IsolationProperties;
import dev.baton.isolation.Workspaces;
import dev.baton.process.EngineMessages;
import dev.baton.process.IdleNudge;
import dev.baton.process.ModelSource;
import dev.baton.request.RequestParser;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the board, the pool and the watcher bridge for the one workdir this Baton serves. */
@Configuration(proxyBeanMethods = false)
public class WorkdirConfiguration {

  /** The run's worktrees, for a workdir and board that only the run's settings know. */
  @Bean
  Workspaces workspaces(IsolationProperties settings, RunProperties run, AgentRoster roster) {
    return Workspaces.of(settings, run.workdir(), run.boardFile(), roster);
  }

  @Bean
  BoardStore boardStore(RunProperties props, Clock clock) {
    return new BoardStore(props.boardFile(), clock);
  }

  @Bean
  TaskBoard taskBoard(BoardStore store, AgentsProperties agents, RunJournal journal) {
    return new TaskBoard(
        store,
        agents.language(),
        (runId, rows) ->
            journal.rows(runId, rows.stream().map(JournalEntry.AddedRow::of).toList()));
  }

  /** The model file and the engine mode, for deployment in {@code process}. */
  @Bean
  ModelSource modelSource(RunProperties props) {
    return new ModelSource(props.bpmn(), props.engine());
  }

  @Bean
  RequestParser requestParser() {
    return new RequestParser();
  }

  @Bean
  BoardWatcher boardWatcher(BoardStore store, BoardBridge bridge) {
    return new BoardWatcher(store, bridge, Duration.ofMillis(20), Duration.ofSeconds(2));
  }

  @Bean
  AgentPool agentPool(
      AgentRoster roster,
      StateProbe probe,
      EngineMessages messages,
      BoardStore store,
      Clock clock) {
    return new AgentPool(
        roster.all().stream().map(Agent::name).toList(),
        clock,
        // free only on positive IDLE: a dialog, an error or an unreadable screen must not be handed
        // work
        name -> roster.byName(name).map(a -> probe.state(a).isIdle()).orElse(false),
        messages::agentAvailable,
        taskIds -> {
          Board board = store.read();
          return taskIds.stream()
              .filter(id -> dependenciesMet(board, id))
              .collect(java.util.stream.Collectors.toSet());
        },
        Duration.ofSeconds(20));
  }

  @Bean
  IdleNudge idleNudge(
      AgentPool pool,
      AgentRoster roster,
      StateProbe probe,
      EngineMessages messages,
      Clock clock,
      RunProperties props) {
    return new IdleNudge(pool, roster, probe, messages, clock, props.idleNudge());
  }

  /** All tasks named in the task's "(after …)" are COMPLETED on the board. */
  static boolean dependenciesMet(Board board, String taskId) {
    return board
        .task(TaskBoard.id(taskId))
        .map(
            row ->
                Dependencies.of(row.task()).stream()
                    .allMatch(
                        dep ->
                            board
                                .status(TaskBoard.id(dep))
                                .map(s -> s == TaskStatus.COMPLETED)
                                .orElse(false)))
        .orElse(true);
  }
}
