package dev.baton.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.agents.AgentProperties;
import dev.baton.agents.AgentRoster;
import dev.baton.agents.AgentsProperties;
import dev.baton.agents.CliKind;
import dev.baton.agents.CliPatternCatalog;
import dev.baton.agents.Routing;
import dev.baton.agents.TmuxProperties;
import dev.baton.board.Priority;
import dev.baton.board.TaskId;
import dev.baton.board.TaskRow;
import dev.baton.board.TaskStatus;
import dev.baton.workers.AgentRouting;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import io.camunda.client.api.response.MatchedDecisionRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The decision table "Which agent takes the task?" on the real engine: each shipped row decides its
 * case, the shipped table keeps today's behaviour (a test prefers its feature's author for 30 s,
 * anything else goes to any free agent), and rows a person adds in the Modeler (a CLI kind, a never
 * rule) reach the pool as routing.
 */
class AgentRoutingTableTest {
  static final Path TABLE = Path.of("bpmn", "agent-routing.dmn");
  static ProcessDriver driver;

  @BeforeAll
  static void startEngine() {
    driver = ProcessDriver.start();
  }

  @AfterAll
  static void stopEngine() {
    driver.close();
  }

  private static AgentRoster roster() {
    return AgentRoster.from(
        new AgentsProperties(
            List.of(
                new AgentProperties(
                    "Claude", "1", null, null, CliKind.CLAUDE, true, null, null, null),
                new AgentProperties(
                    "Codex", "2", null, null, CliKind.CODEX, false, null, null, null),
                new AgentProperties("AMP", "3", null, null, CliKind.AMP, false, null, null, null)),
            Map.of(),
            "en",
            null),
        TmuxProperties.defaults(),
        CliPatternCatalog.shipped());
  }

  private static TaskRow row(String text, Priority priority) {
    return TaskRow.of(new TaskId("T-007"), text, "", priority, TaskStatus.PENDING, "2026-12-03");
  }

  private static String matched(Map<String, Object> facts) {
    EvaluateDecisionResponse answer = driver.evaluate(Decisions.AGENT_ROUTING, facts);
    assertThat(answer.getFailureMessage()).isNullOrEmpty();
    List<MatchedDecisionRule> rules = answer.getEvaluatedDecisions().getFirst().getMatchedRules();
    return rules.isEmpty() ? null : rules.getFirst().getRuleId();
  }

  private static Map<String, Object> facts(String kind, String author) {
    Map<String, Object> facts = new HashMap<>();
    facts.put("kind", kind);
    facts.put("task", "Write the parser");
    facts.put("priority", "MED");
    facts.put("author", author);
    facts.put("lead", "Claude");
    return facts;
  }

  @Test
  void eachShippedRowDecidesItsCaseAndEveryRowHasOne() throws Exception {
    Set<String> decided = new HashSet<>();
    decided.add(matched(facts("test", "Codex")));
    assertThat(decided).containsExactly("Rule_TestByAuthor");
    String testWithoutAuthor = matched(facts("test", null));
    String feature = matched(facts("feature", null));
    assertThat(testWithoutAuthor).isEqualTo("Rule_AnyFreeAgent");
    assertThat(feature).isEqualTo("Rule_AnyFreeAgent");
    decided.add(feature);

    Set<String> rows = new HashSet<>();
    Matcher m = Pattern.compile("<rule id=\"([^\"]+)\"").matcher(Files.readString(TABLE));
    while (m.find()) {
      rows.add(m.group(1));
    }
    assertThat(decided).isEqualTo(rows);
  }

  @Test
  void theShippedTableKeepsTodaysBehaviour() {
    AgentRouting routing = new AgentRouting(driver.client(), roster());

    assertThat(routing.decide("test", row("Lancer les tests pour T-003", Priority.MED), "Codex"))
        .isEqualTo(new Routing(Routing.Mode.PREFER, Set.of("Codex"), Duration.ofSeconds(30)));
    assertThat(routing.decide("test", row("Lancer les tests pour T-003", Priority.MED), null))
        .isEqualTo(Routing.ANY);
    assertThat(routing.decide("feature", row("Write the docs", Priority.HIGH), null))
        .isEqualTo(Routing.ANY);
  }

  @Test
  void rowsAddedInTheModelerReachThePoolWithoutARelease() throws Exception {
    String shipped = Files.readString(TABLE);
    String docsRow =
        rule(
            "Rule_Docs",
            "-",
            "contains(lower case(task), \"docs\")",
            "-",
            "prefer",
            "\"claude\"",
            "60");
    String frontendRow =
        rule(
            "Rule_Front",
            "-",
            "contains(lower case(task), \"frontend\")",
            "-",
            "never",
            "\"codex, AMP\"",
            "600");
    String highRow = rule("Rule_High", "\"feature\"", "-", "\"HIGH\"", "only", "lead", "120");
    String broken =
        rule("Rule_Broken", "-", "contains(task, \"oops\")", "-", "sometimes", "\"Claude\"", "1");
    String edited =
        shipped.replace(
            "      <rule id=\"Rule_AnyFreeAgent\">",
            docsRow + frontendRow + highRow + broken + "      <rule id=\"Rule_AnyFreeAgent\">");
    try (ProcessDriver own = ProcessDriver.start()) {
      own.deploy("agent-routing.dmn", edited);
      AgentRouting routing = new AgentRouting(own.client(), roster());

      assertThat(routing.decide("feature", row("Write the DOCS page", Priority.LOW), null))
          .isEqualTo(new Routing(Routing.Mode.PREFER, Set.of("Claude"), Duration.ofSeconds(60)));
      assertThat(routing.decide("feature", row("Style the frontend", Priority.LOW), null))
          .isEqualTo(
              new Routing(Routing.Mode.NEVER, Set.of("Codex", "AMP"), Duration.ofSeconds(600)));
      assertThat(routing.decide("feature", row("Fix the login", Priority.HIGH), null))
          .isEqualTo(new Routing(Routing.Mode.ONLY, Set.of("Claude"), Duration.ofSeconds(120)));
      assertThat(routing.decide("feature", row("Fix the login", Priority.LOW), null))
          .isEqualTo(Routing.ANY);
      assertThatThrownBy(() -> routing.decide("feature", row("oops", Priority.LOW), null))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("bpmn/agent-routing.dmn")
          .hasMessageContaining("T-007")
          .hasMessageContaining("mode 'sometimes' is not one of any, prefer, only, never");
    }
  }

  private static String rule(
      String id,
      String kind,
      String task,
      String priority,
      String mode,
      String agents,
      String wait) {
    return """
              <rule id="%1$s">
                <inputEntry id="%1$s_kind"><text>%2$s</text></inputEntry>
                <inputEntry id="%1$s_task"><text>%3$s</text></inputEntry>
                <inputEntry id="%1$s_priority"><text>%4$s</text></inputEntry>
                <inputEntry id="%1$s_author"><text>-</text></inputEntry>
                <inputEntry id="%1$s_lead"><text>-</text></inputEntry>
                <outputEntry id="%1$s_mode"><text>"%5$s"</text></outputEntry>
                <outputEntry id="%1$s_agents"><text>%6$s</text></outputEntry>
                <outputEntry id="%1$s_waitSeconds"><text>%7$s</text></outputEntry>
              </rule>
        """
        .formatted(
            id,
            kind,
            task.replace("\"", "&quot;"),
            priority,
            mode,
            agents.replace("\"", "&quot;"),
            wait);
  }
}
