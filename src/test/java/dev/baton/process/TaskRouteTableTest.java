package dev.baton.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import io.camunda.client.api.response.MatchedDecisionRule;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decision table "What now for the task?" alone, on the real engine: each case states the facts
 * of one poll and the row that must decide it, so every row of {@code bpmn/task-route.dmn} is
 * proven once and in its place.
 */
class TaskRouteTableTest {
  static final Path TABLE = Path.of("bpmn", "task-route.dmn");
  static final ObjectMapper JSON = new ObjectMapper();
  static ProcessDriver driver;
  static final Set<String> decidedBy = new HashSet<>();

  @BeforeAll
  static void startEngine() {
    driver = ProcessDriver.start();
  }

  @AfterAll
  static void stopEngine() {
    driver.close();
  }

  /** One poll's facts, the row expected to match first, and its route and cause. */
  record Case(String name, Map<String, Object> facts, String rule, String route, String cause) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Map<String, Object> facts(Object... pairs) {
    Map<String, Object> facts = new HashMap<>();
    facts.put(Variables.STATUS, "IN_PROGRESS");
    facts.put(Variables.SCREEN, "BUSY");
    facts.put(Variables.UNBLOCK_SENT, false);
    facts.put(Variables.INTERRUPTED, false);
    facts.put(Variables.SILENT_POLLS, 0);
    facts.put(Variables.INACTIVE_POLLS, 2);
    facts.put(Variables.STUCK_POLLS, 0);
    facts.put(Variables.STALL_POLLS, 5);
    facts.put(Variables.IDLE_NUDGES, 0);
    facts.put(Variables.IDLE_NUDGE_LIMIT, 2);
    for (int i = 0; i < pairs.length; i += 2) {
      facts.put((String) pairs[i], pairs[i + 1]);
    }
    return facts;
  }

  static List<Case> cases() {
    String blocked = "BLOCKED";
    return List.of(
        new Case(
            "completed row",
            facts(Variables.STATUS, "COMPLETED", Variables.SCREEN, null),
            "Rule_01",
            "done",
            "completed"),
        new Case("dead pane", facts(Variables.SCREEN, "DEAD"), "Rule_02", "reassign", "agent-gone"),
        new Case(
            "shell prompt while blocked",
            facts(
                Variables.STATUS,
                blocked,
                Variables.BLOCK_KIND,
                "technical",
                Variables.SCREEN,
                "EXITED"),
            "Rule_02",
            "reassign",
            "agent-gone"),
        new Case(
            "dependency gone",
            facts(
                Variables.STATUS,
                blocked,
                Variables.BLOCK_KIND,
                "dependency",
                Variables.DEPENDENCIES,
                "gone"),
            "Rule_03",
            "dependency-gone",
            "dependency-gone"),
        new Case(
            "out of credits",
            facts(
                Variables.STATUS,
                blocked,
                Variables.BLOCK_KIND,
                "credits",
                Variables.SCREEN,
                "IDLE"),
            "Rule_04",
            "reassign",
            "credits"),
        new Case(
            "technical note, usage limit on screen",
            facts(
                Variables.STATUS,
                blocked,
                Variables.BLOCK_KIND,
                "technical",
                Variables.SCREEN,
                "RATE_LIMITED"),
            "Rule_05",
            "reassign",
            "credits"),
        new Case(
            "dependency done",
            facts(
                Variables.STATUS,
                blocked,
                Variables.BLOCK_KIND,
                "dependency",
                Variables.DEPENDENCIES,
                "done"),
            "Rule_06",
            "unblock",
            "dependency-done"),
        new Case(
            "dependency done, nudged already",
            facts(
                Variables.STATUS,
                blocked,
                Variables.BLOCK_KIND,
                "dependency",
                Variables.DEPENDENCIES,
                "done",
                Variables.UNBLOCK_SENT,
                true),
            "Rule_07",
            "reassign",
            "dependency-done"),
        new Case(
            "dependency waiting, even silent",
            facts(
                Variables.STATUS,
                blocked,
                Variables.BLOCK_KIND,
                "dependency",
                Variables.DEPENDENCIES,
                "waiting",
                Variables.SILENT_POLLS,
                5),
            "Rule_08",
            "wait",
            "dependency"),
        new Case(
            "blocked, no reason written yet, seen as the row changed",
            facts(
                Variables.STATUS,
                blocked,
                Variables.BLOCK_KIND,
                "technical",
                Variables.NOTE,
                "",
                Variables.WOKEN_BY,
                "board"),
            "Rule_08a",
            "wait",
            "no-reason-yet"),
        new Case(
            "blocked, still no reason when the poll timer looks",
            facts(
                Variables.STATUS,
                blocked,
                Variables.BLOCK_KIND,
                "technical",
                Variables.NOTE,
                "",
                Variables.WOKEN_BY,
                "timer"),
            "Rule_09",
            "unblock",
            "technical"),
        new Case(
            "blocked with a reason, seen as the row changed",
            facts(
                Variables.STATUS,
                blocked,
                Variables.BLOCK_KIND,
                "technical",
                Variables.NOTE,
                "npm install fails: EACCES",
                Variables.WOKEN_BY,
                "board"),
            "Rule_09",
            "unblock",
            "technical"),
        new Case(
            "technical block",
            facts(
                Variables.STATUS,
                blocked,
                Variables.BLOCK_KIND,
                "technical",
                Variables.SCREEN,
                "IDLE"),
            "Rule_09",
            "unblock",
            "technical"),
        new Case(
            "technical block after the unblock prompt",
            facts(
                Variables.STATUS,
                blocked,
                Variables.BLOCK_KIND,
                "technical",
                Variables.UNBLOCK_SENT,
                true),
            "Rule_10",
            "reassign",
            "technical"),
        new Case(
            "usage limit on screen, row in progress",
            facts(Variables.SCREEN, "RATE_LIMITED"),
            "Rule_11",
            "reassign",
            "credits"),
        new Case(
            "silent",
            facts(Variables.SCREEN, "IDLE", Variables.SILENT_POLLS, 2),
            "Rule_12",
            "interrupt",
            "silent"),
        new Case(
            "silent after the interrupt",
            facts(Variables.SCREEN, "IDLE", Variables.SILENT_POLLS, 3, Variables.INTERRUPTED, true),
            "Rule_13",
            "reassign",
            "silent"),
        new Case(
            "busy, nothing changing",
            facts(Variables.STUCK_POLLS, 5),
            "Rule_14",
            "interrupt",
            "stuck"),
        new Case(
            "busy, nothing changing after the interrupt",
            facts(Variables.STUCK_POLLS, 5, Variables.INTERRUPTED, true),
            "Rule_15",
            "reassign",
            "stuck"),
        new Case(
            "idle on the task",
            facts(Variables.SCREEN, "IDLE", Variables.IDLE_NUDGES, 2),
            "Rule_16",
            "interrupt",
            "idle"),
        new Case(
            "idle again after the interrupt",
            facts(Variables.SCREEN, "IDLE", Variables.IDLE_NUDGES, 2, Variables.INTERRUPTED, true),
            "Rule_17",
            "reassign",
            "idle"),
        new Case(
            "working",
            facts(Variables.SILENT_POLLS, 1, Variables.STUCK_POLLS, 4, Variables.IDLE_NUDGES, 1),
            "Rule_18",
            "wait",
            "working"),
        new Case(
            "one silent poll and one idle nudge are not two of either",
            facts(Variables.SCREEN, "IDLE", Variables.SILENT_POLLS, 1, Variables.IDLE_NUDGES, 1),
            "Rule_18",
            "wait",
            "working"),
        new Case(
            "nothing known yet",
            new HashMap<>(Map.of(Variables.STATUS, "PENDING")),
            "Rule_18",
            "wait",
            "working"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachRowDecidesItsCase(Case c) throws Exception {
    EvaluateDecisionResponse response = driver.evaluate(Decisions.TASK_ROUTE, c.facts());

    assertThat(response.getFailureMessage()).as("evaluation failure").isNullOrEmpty();
    List<MatchedDecisionRule> matched =
        response.getEvaluatedDecisions().getFirst().getMatchedRules();
    assertThat(matched).extracting(MatchedDecisionRule::getRuleId).containsExactly(c.rule());
    assertThat(JSON.readValue(response.getDecisionOutput(), Map.class))
        .isEqualTo(Map.of("route", c.route(), "cause", c.cause()));
    decidedBy.add(c.rule());
  }

  @Test
  void everyRowOfTheTableHasACase() throws Exception {
    Set<String> rows = new HashSet<>();
    Matcher m = Pattern.compile("<rule id=\"([^\"]+)\"").matcher(Files.readString(TABLE));
    while (m.find()) {
      rows.add(m.group(1));
    }
    Set<String> covered = new HashSet<>();
    cases().forEach(c -> covered.add(c.rule()));
    assertThat(covered).isEqualTo(rows);
  }

  @Test
  void everyRouteTheTableGivesHasAFlowInTheModel() throws Exception {
    String model = Files.readString(ProcessDriver.MODEL);
    Matcher m =
        Pattern.compile(
                "<text>&quot;([a-z-]+)&quot;</text>\\s*</outputEntry>\\s*<outputEntry id=\"Rule_\\d+_cause\"")
            .matcher(Files.readString(TABLE));
    Set<String> routes = new HashSet<>();
    while (m.find()) {
      routes.add(m.group(1));
    }
    assertThat(routes)
        .containsExactlyInAnyOrder(
            Decisions.ROUTE_DONE,
            Decisions.ROUTE_UNBLOCK,
            Decisions.ROUTE_INTERRUPT,
            Decisions.ROUTE_REASSIGN,
            Decisions.ROUTE_DEPENDENCY_GONE,
            Decisions.ROUTE_WAIT);
    routes.stream()
        .filter(r -> !r.equals(Decisions.ROUTE_WAIT))
        .forEach(
            route ->
                assertThat(model)
                    .as("a flow for route %s", route)
                    .contains("=nextStep.route = \"" + route + "\""));
  }
}
