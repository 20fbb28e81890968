package dev.baton.workers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.agents.Agent;
import dev.baton.agents.AgentRoster;
import dev.baton.agents.Routing;
import dev.baton.board.TaskRow;
import dev.baton.process.Decisions;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Asks the decision table {@code bpmn/agent-routing.dmn} which agents a task may go to, through the
 * engine that has it deployed, so that a rule added in the Modeler applies to the next run without
 * a release. Asked once per task, when it first looks for an agent, not on the wake-ups that
 * follow: a hand-off pays nothing for it.
 */
@Component
public class AgentRouting {
  private static final Logger LOG = LoggerFactory.getLogger(AgentRouting.class);

  private final CamundaClient client;
  private final AgentRoster roster;
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicBoolean warnedMissing = new AtomicBoolean();

  public AgentRouting(CamundaClient client, AgentRoster roster) {
    this.client = client;
    this.roster = roster;
  }

  /**
   * @param kind {@code feature} or {@code test}
   * @param row the task's row, for its text and priority
   * @param author the feature's author, for a test task; else null
   * @throws IllegalStateException naming the table and what is wrong with its answer
   */
  public Routing decide(String kind, TaskRow row, String author) {
    Map<String, Object> facts = new HashMap<>();
    facts.put("kind", kind);
    facts.put("task", row == null ? "" : row.task());
    facts.put("priority", row == null || row.priority() == null ? null : row.priority().name());
    facts.put("author", author);
    facts.put("lead", roster.lead().map(Agent::name).orElse(null));
    EvaluateDecisionResponse answer;
    try {
      answer =
          client
              .newEvaluateDecisionCommand()
              .decisionId(Decisions.AGENT_ROUTING)
              .variables(facts)
              .send()
              .join();
    } catch (ClientException e) {
      if (String.valueOf(e.getMessage()).contains("NOT_FOUND")) {
        // a model folder of its own without the table: tasks go to any free agent, as before the
        // table existed
        if (warnedMissing.compareAndSet(false, true)) {
          LOG.warn(
              "no decision '{}' is deployed (bpmn/agent-routing.dmn): any free agent takes each task",
              Decisions.AGENT_ROUTING);
        }
        return author == null ? Routing.ANY : Routing.prefer(author, Duration.ofSeconds(30));
      }
      throw e;
    }
    if (answer.getFailureMessage() != null && !answer.getFailureMessage().isBlank()) {
      throw new IllegalStateException(
          "the routing table bpmn/agent-routing.dmn failed for "
              + describe(row)
              + ": "
              + answer.getFailureMessage());
    }
    return routing(answer.getDecisionOutput(), row);
  }

  private Routing routing(String output, TaskRow row) {
    Map<?, ?> out;
    try {
      out = output == null ? null : json.readValue(output, Map.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "the routing table bpmn/agent-routing.dmn answered "
              + output
              + " for "
              + describe(row)
              + ": not a row's outputs (mode, agents, waitSeconds)",
          e);
    }
    if (out == null) {
      return Routing.ANY;
    }
    try {
      Routing.Mode mode =
          Routing.Mode.parse(out.get("mode") == null ? null : out.get("mode").toString());
      Object wait = out.get("waitSeconds");
      double seconds = wait instanceof Number n ? n.doubleValue() : 0;
      return new Routing(
          mode, agents(out.get("agents")), Duration.ofMillis(Math.round(seconds * 1000)));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "the routing table bpmn/agent-routing.dmn answered "
              + output
              + " for "
              + describe(row)
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** Agent names and CLI kinds, comma-separated, to the names of the agents they mean. */
  private Set<String> agents(Object listed) {
    Set<String> names = new LinkedHashSet<>();
    if (listed == null) {
      return names;
    }
    for (String entry :
        Arrays.stream(listed.toString().split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .toList()) {
      String want = entry.toLowerCase(Locale.ROOT);
      for (Agent a : roster.all()) {
        if (a.name().toLowerCase(Locale.ROOT).equals(want) || a.cli().id().equals(want)) {
          names.add(a.name());
        }
      }
    }
    return names;
  }

  private static String describe(TaskRow row) {
    return row == null ? "the task" : row.id().value();
  }
}
