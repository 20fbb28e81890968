package dev.baton.workers;

import dev.baton.agents.AgentPool;
import dev.baton.agents.AgentRoster;
import dev.baton.agents.AgentUnreachableException;
import dev.baton.agents.PromptKind;
import dev.baton.board.TaskBoard;
import dev.baton.process.JobTypes;
import dev.baton.process.Variables;
import dev.baton.run.Happened;
import dev.baton.run.JournalEntry;
import dev.baton.run.Prompter;
import dev.baton.run.RunEvents;
import dev.baton.run.RunJournal;
import dev.baton.run.RunProperties;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Gives a test task to the feature's author when it is free on the first hand-over, else to any
 * free agent (the lead included) that the test was not taken from. Reports whether any agent is
 * left that could take it; an agent whose pane does not take the prompt raises the model's {@code
 * AGENT_UNREACHABLE}, and the model frees it; a test prompt that would pass the prompt limits is
 * not sent: {@code GUARD_HIT}, and the model gives the test up.
 */
@Component
public class RequestTestWorker {
  private final AgentPool pool;
  private final dev.baton.run.Resumption resumption;
  private final AgentRoster roster;
  private final TaskBoard board;
  private final AgentRouting routing;
  private final Prompter prompter;
  private final RunEvents events;
  private final RunProperties props;
  private final RunJournal journal;

  public RequestTestWorker(
      AgentPool pool,
      dev.baton.run.Resumption resumption,
      AgentRoster roster,
      TaskBoard board,
      Prompter prompter,
      RunEvents events,
      RunProperties props,
      RunJournal journal,
      AgentRouting routing) {
    this.routing = routing;
    this.pool = pool;
    this.resumption = resumption;
    this.roster = roster;
    this.board = board;
    this.prompter = prompter;
    this.events = events;
    this.props = props;
    this.journal = journal;
  }

  /**
   * The agent who got this test's prompt before a restart, when its row already says it is done:
   * the verdict is waiting, no new prompt is needed.
   */
  private String alreadyAnswered(String runId, String testId) {
    boolean done = board.row(testId).map(r -> r.status().isFinal()).orElse(false);
    if (!done) {
      return null;
    }
    return journal.get(runId).stream()
        .flatMap(e -> e.prompts().stream())
        .filter(p -> p.taskId().equals(testId))
        .map(JournalEntry.Prompt::agent)
        .reduce((a, b) -> b)
        .orElse(null);
  }

  @JobWorker(type = JobTypes.REQUEST_TEST)
  public Map<String, Object> request(
      ActivatedJob job,
      @Variable String runId,
      @Variable String testId,
      @Variable String featureId,
      @Variable(optional = true) Map<String, Object> testTask,
      @Variable(optional = true) Boolean testReassigned) {
    String author =
        testTask == null || Boolean.TRUE.equals(testReassigned)
            ? null
            : (String) testTask.get("author");
    if (author != null && (author.isBlank() || roster.byName(author).isEmpty())) {
      author = null;
    }
    var sentBefore = alreadyAnswered(runId, testId);
    if (sentBefore != null) {
      pool.adopt(testId, sentBefore);
      return new HashMap<>(
          Map.of("testSent", true, "agent", sentBefore, Variables.AGENTS_LEFT, true));
    }
    boolean alreadyWaiting = pool.waiting().stream().anyMatch(w -> w.taskId().equals(testId));
    var rule =
        alreadyWaiting || pool.agentOf(testId).isPresent()
            ? null
            : routing.decide("test", board.row(testId).orElse(null), author);
    var agent = pool.reserve(new AgentPool.Waiting(testId, 1, TaskBoard.id(testId).number(), rule));
    Map<String, Object> out = new HashMap<>();
    out.put("testSent", false);
    out.put("agent", agent.orElse(null));
    out.put(Variables.AGENTS_LEFT, true);
    if (agent.isEmpty()) {
      if (!pool.anyAgentLeftFor(testId)) {
        pool.forget(testId);
        out.put(Variables.AGENTS_LEFT, false);
        events.emit(
            runId,
            new Happened.AgentsLost(
                testId,
                "no agent is left that could test " + featureId + ": the feature is not tested"));
      }
      return out;
    }
    String name = agent.get();
    if (resumption.alreadyPrompted(testId, name)) {
      out.put("testSent", true);
      return out;
    }
    CostGuard.check(prompter, events, job.getKey(), runId, testId, name);
    board.start(testId, roster.require(name).assignedTo());
    String feature = board.row(featureId).map(r -> r.task()).orElse(featureId);
    String hint =
        props.testCommand() == null
            ? ""
            : ("fr".equals(board.language()) ? "Commande de test : " : "Test command: ")
                + props.testCommand();
    try {
      prompter.send(
          runId, testId, hint, name, PromptKind.TEST, Map.of("feature", feature), job.getKey());
      out.put("testSent", true);
    } catch (AgentUnreachableException e) {
      throw UnreachableAgent.error(events, runId, testId, name, e, Map.of("agent", name));
    }
    return out;
  }
}
