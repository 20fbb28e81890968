package dev.baton.process;

import static dev.baton.process.ProcessDriver.complete;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The test phase: test, debug and fix at most {@code maxRalphCycles} times, then escalate into the report. */
class RalphLoopTest {
  static final Duration POLL = Duration.ofSeconds(80);

  ProcessDriver driver;
  long run;

  @BeforeEach
  void runUntilTheTestPhase() {
    driver = ProcessDriver.start();
    run = driver.startRun(ProcessDriver.startVariables("one feature"));
    driver.handleOne(JobTypes.DECOMPOSE, complete(Map.of(Variables.TASK_IDS, List.of("T-1"), Variables.NEEDS_PLAN, false)));
    driver.handleOne(JobTypes.RESERVE_AGENT, complete(Map.of(Variables.AGENT, "agent-A", Variables.RESERVED, true)));
    driver.handleOne(JobTypes.UPDATE_BOARD, complete());
    driver.handleOne(JobTypes.DISPATCH, complete());
    driver.publish(Messages.TASK_STATUS_CHANGED, "T-1");
    driver.handleOne(JobTypes.CHECK_STATUS, complete(Map.of(Variables.STATUS, "COMPLETED", Variables.SILENT_POLLS, 0)));
    driver.handleOne(JobTypes.RELEASE_AGENT, complete());
    driver.handleOne(JobTypes.PLAN_TESTS, complete(Map.of(Variables.TEST_TASKS,
        List.of(Map.of("testId", "X-1", "featureId", "T-1", "author", "agent-A")))));
  }

  @AfterEach
  void stopEngine() {
    driver.close();
  }

  @Test
  void featurePassingOnTheSecondCycle() {
    handOverTest();
    fail("first failure");
    ActivatedJob fix = driver.handleOne(JobTypes.FIX, complete());
    assertThat(fix.getVariable(Variables.FAILURE_TAIL)).isEqualTo("first failure");
    assertThat(fix.getVariable(Variables.RALPH_CYCLE)).isEqualTo(1);
    assertThat(fix.getVariable(Variables.FEATURE_ID)).isEqualTo("T-1");
    driver.advance(POLL);
    driver.handleOne(JobTypes.CHECK_TEST, complete(Map.of(Variables.VERDICT, "passed")));
    report();

    driver.assertRun(run).isCompleted().hasNoIncidents()
        .hasPassedElement(ElementIds.BOUNDARY_TESTS_FAILED, 1)
        .hasPassedElement(ElementIds.TASK_SEND_FIX, 1)
        .hasPassedElement(ElementIds.EVENT_FEATURE_PASSED, 1)
        .hasNotPassedElement(ElementIds.TASK_ESCALATE);
    assertThat(driver.variable(run, Variables.TEST_RESULTS)).isEqualTo(
        List.of(Map.of("featureId", "T-1", "testId", "X-1", "verdict", "passed", "ralphCycle", 2)));
  }

  @Test
  void featureStillFailingAfterThreeCyclesIsEscalatedAndTheReportStillRuns() {
    handOverTest();
    for (int cycle = 1; cycle < 3; cycle++) {
      fail("failure " + cycle);
      assertThat(driver.handleOne(JobTypes.FIX, complete()).getVariable(Variables.RALPH_CYCLE)).isEqualTo(cycle);
      driver.advance(POLL);
    }
    fail("failure 3");
    driver.assertNoJob(JobTypes.FIX);
    ActivatedJob escalate = driver.handleOne(JobTypes.ESCALATE, complete());
    assertThat(escalate.getVariable(Variables.FAILURE_TAIL)).isEqualTo("failure 3");
    report();

    driver.assertRun(run).isCompleted().hasNoIncidents()
        .hasPassedElement(ElementIds.TASK_CHECK_TEST, 0)
        .hasPassedElement(ElementIds.BOUNDARY_TESTS_FAILED, 3)
        .hasPassedElement(ElementIds.TASK_SEND_FIX, 2)
        .hasPassedElement(ElementIds.TASK_ESCALATE, 1)
        .hasPassedElement(ElementIds.EVENT_FEATURE_FAILED, 1)
        .hasPassedElement(ElementIds.TASK_WRITE_REPORT, 1);
    assertThat(driver.variable(run, Variables.TEST_RESULTS)).isEqualTo(
        List.of(Map.of("featureId", "T-1", "testId", "X-1", "verdict", "failed", "ralphCycle", 3)));
  }

  @Test
  void testWaitsForAFreeAgentAndForAVerdict() {
    driver.handleOne(JobTypes.REQUEST_TEST, complete(Map.of(Variables.TEST_SENT, false)));
    driver.assertRun(run).isWaitingAtElements(ElementIds.GATEWAY_WAIT_TEST_AGENT);
    driver.publish(Messages.AGENT_AVAILABLE, "X-1");
    handOverTest();
    driver.handleOne(JobTypes.CHECK_TEST, complete(Map.of(Variables.VERDICT, "pending")));
    driver.assertRun(run).isWaitingAtElements(ElementIds.GATEWAY_WAIT_TEST);
    driver.advance(POLL);
    driver.handleOne(JobTypes.CHECK_TEST, complete(Map.of(Variables.VERDICT, "passed")));
    report();

    driver.assertRun(run).isCompleted()
        .hasPassedElement(ElementIds.EVENT_TEST_AGENT_AVAILABLE, 1)
        .hasPassedElement(ElementIds.TASK_REQUEST_TEST, 2)
        .hasPassedElement(ElementIds.TASK_CHECK_TEST, 2)
        .hasPassedElement(ElementIds.TIMER_TEST_POLL, 1)
        .hasPassedElement(ElementIds.EVENT_TEST_STATUS_CHANGED, 1);
  }

  void handOverTest() {
    driver.handleOne(JobTypes.REQUEST_TEST, complete(Map.of(Variables.TEST_SENT, true, Variables.AGENT, "agent-B")));
    driver.publish(Messages.TASK_STATUS_CHANGED, "X-1");
  }

  void fail(String tail) {
    driver.handleOne(JobTypes.CHECK_TEST,
        ProcessDriver.bpmnError(ErrorCodes.TESTS_FAILED, Map.of(Variables.FAILURE_TAIL, tail)));
  }

  void report() {
    driver.handleOne(JobTypes.REPORT, complete(Map.of(Variables.REPORT_PATH, "REPORT.md")));
  }
}
