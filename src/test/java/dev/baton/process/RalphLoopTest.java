package dev.baton.process;

import static dev.baton.process.ProcessDriver.complete;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The test phase: test, debug and fix at most {@code maxRalphCycles} times, then escalate into the
 * report.
 */
@Tag("end-to-end")
class RalphLoopTest {
  static final Duration POLL = Duration.ofSeconds(80);

  ProcessDriver driver;
  long run;

  @BeforeEach
  void runUntilTheTestPhase() {
    driver = ProcessDriver.start();
    run = driver.startRun(ProcessDriver.startVariables("one feature"));
    driver.handleOne(
        JobTypes.DECOMPOSE,
        complete(Map.of(Variables.TASK_IDS, List.of("T-1"), Variables.NEEDS_PLAN, false)));
    driver.handleOne(
        JobTypes.RESERVE_AGENT,
        complete(Map.of(Variables.AGENT, "agent-A", Variables.RESERVED, true)));
    driver.handleOne(JobTypes.UPDATE_BOARD, complete());
    driver.handleOne(JobTypes.DISPATCH, complete());
    driver.publish(Messages.TASK_STATUS_CHANGED, "T-1");
    driver.handleOne(
        JobTypes.CHECK_STATUS,
        complete(Map.of(Variables.STATUS, "COMPLETED", Variables.SILENT_POLLS, 0)));
    driver.handleOne(JobTypes.RELEASE_AGENT, complete());
    driver.handleOne(
        JobTypes.PLAN_TESTS,
        complete(
            Map.of(
                Variables.TEST_TASKS,
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
    pass();
    report();

    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElement(ElementIds.BOUNDARY_TESTS_FAILED, 1)
        .hasPassedElement(ElementIds.TASK_SEND_FIX, 1)
        .hasPassedElement(ElementIds.EVENT_FEATURE_PASSED, 1)
        .hasNotPassedElement(ElementIds.TASK_ESCALATE);
    assertThat(driver.variable(run, Variables.TEST_RESULTS))
        .isEqualTo(
            List.of(
                Map.of("featureId", "T-1", "testId", "X-1", "verdict", "passed", "ralphCycle", 2)));
  }

  @Test
  void featureStillFailingAfterThreeCyclesIsEscalatedAndTheReportStillRuns() {
    handOverTest();
    for (int cycle = 1; cycle < 3; cycle++) {
      fail("failure " + cycle);
      assertThat(driver.handleOne(JobTypes.FIX, complete()).getVariable(Variables.RALPH_CYCLE))
          .isEqualTo(cycle);
      driver.advance(POLL);
    }
    fail("failure 3");
    driver.assertNoJob(JobTypes.FIX);
    ActivatedJob escalate = driver.handleOne(JobTypes.ESCALATE, complete());
    assertThat(escalate.getVariable(Variables.FAILURE_TAIL)).isEqualTo("failure 3");
    report();

    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElement(ElementIds.TASK_CHECK_TEST, 0)
        .hasPassedElement(ElementIds.BOUNDARY_TESTS_FAILED, 3)
        .hasPassedElement(ElementIds.TASK_SEND_FIX, 2)
        .hasPassedElement(ElementIds.TASK_ESCALATE, 1)
        .hasPassedElement(ElementIds.EVENT_FEATURE_FAILED, 1)
        .hasPassedElement(ElementIds.TASK_WRITE_REPORT, 1);
    assertThat(driver.variable(run, Variables.TEST_RESULTS))
        .isEqualTo(
            List.of(
                Map.of("featureId", "T-1", "testId", "X-1", "verdict", "failed", "ralphCycle", 3)));
  }

  @Test
  void testWaitsForAFreeAgentAndForAVerdict() {
    driver.handleOne(JobTypes.REQUEST_TEST, complete(Map.of(Variables.TEST_SENT, false)));
    driver.assertRun(run).isWaitingAtElements(ElementIds.GATEWAY_WAIT_TEST_AGENT);
    driver.publish(Messages.AGENT_AVAILABLE, "X-1");
    handOverTest();
    driver.handleOne(JobTypes.CHECK_TEST, pending("IDLE", "row-1", true));
    driver.assertRun(run).isWaitingAtElements(ElementIds.GATEWAY_WAIT_TEST);
    driver.advance(POLL);
    pass();
    report();

    driver
        .assertRun(run)
        .isCompleted()
        .hasPassedElement(ElementIds.EVENT_TEST_AGENT_AVAILABLE, 1)
        .hasPassedElement(ElementIds.TASK_REQUEST_TEST, 2)
        .hasPassedElement(ElementIds.TASK_CHECK_TEST, 2)
        .hasPassedElement(ElementIds.TIMER_TEST_POLL, 1)
        .hasPassedElement(ElementIds.EVENT_TEST_STATUS_CHANGED, 1);
  }

  @Test
  void silentTesterIsPromptedAgainOnceThenTheTestGoesToAnotherAgent() {
    handOverTest();
    silentChecks(2); // inactivePolls = 2
    ActivatedJob interrupt = driver.handleOne(JobTypes.INTERRUPT_TESTER, complete());
    assertThat(interrupt.getVariable(Variables.AGENT)).isEqualTo("agent-B");
    assertThat(interrupt.getVariable(Variables.SILENT_POLLS)).isEqualTo(2);
    assertThat(interrupt.getVariable(Variables.TEST_ID)).isEqualTo("X-1");
    driver.assertNoJob(JobTypes.RELEASE_AGENT);

    for (int i = 0; i < 2; i++) { // still silent after the new prompt
      driver.advance(POLL);
      driver.handleOne(JobTypes.CHECK_TEST, pending("IDLE", "row-1", false));
    }
    driver.assertNoJob(JobTypes.INTERRUPT_TESTER);
    ActivatedJob release = driver.handleOne(JobTypes.RELEASE_AGENT, complete());
    assertThat(release.getVariable(Variables.REASON)).isEqualTo("reassign");
    assertThat(release.getVariable(Variables.TASK_ID)).isEqualTo("X-1");
    assertThat(release.getVariable(Variables.AGENT)).isEqualTo("agent-B");
    assertThat(release.getVariable(Variables.BLOCK_KIND)).isNull();

    ActivatedJob again =
        driver.handleOne(
            JobTypes.REQUEST_TEST,
            complete(
                Map.of(
                    Variables.TEST_SENT,
                    true,
                    Variables.AGENT,
                    "agent-C",
                    Variables.AGENTS_LEFT,
                    true)));
    assertThat(again.getVariable(Variables.TEST_REASSIGNED)).isEqualTo(true);
    assertThat(again.getVariable(Variables.AGENT)).isNull();
    // the new tester starts with a clean count: one silent check is not enough to interrupt it
    driver.publish(Messages.TASK_STATUS_CHANGED, "X-1");
    ActivatedJob check = driver.handleOne(JobTypes.CHECK_TEST, pending("IDLE", "row-2", true));
    assertThat(check.getVariable(Variables.AGENT)).isEqualTo("agent-C");
    assertThat(check.getVariable(Variables.TEST_ROW_FINGERPRINT)).isNull();
    driver.advance(POLL);
    driver.handleOne(JobTypes.CHECK_TEST, pending("IDLE", "row-2", false));
    driver.assertNoJob(JobTypes.INTERRUPT_TESTER);
    driver.advance(POLL);
    pass();
    report();

    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElement(ElementIds.TASK_INTERRUPT_TESTER, 1)
        .hasPassedElement(ElementIds.TASK_RELEASE_TESTER, 1)
        .hasPassedElement(ElementIds.TASK_REQUEST_TEST, 2)
        .hasPassedElement(ElementIds.TASK_FREE_TESTER, 1)
        .hasPassedElement(ElementIds.EVENT_FEATURE_PASSED, 1);
    assertThat(driver.variable(run, Variables.TEST_RESULTS))
        .isEqualTo(
            List.of(
                Map.of("featureId", "T-1", "testId", "X-1", "verdict", "passed", "ralphCycle", 1)));
  }

  /**
   * A tester whose verdict another agent's write erased sits idle with its row open: the idle
   * nudges (message agent-idle) wake its check at once and, at idleNudgeLimit, it is prompted
   * again, without waiting for two polls. A nudge is not a silent poll: the silent count stays as
   * it was.
   */
  @Test
  void anIdleTesterIsPromptedAgainAfterIdleNudgeLimitNudgesWithoutWaitingForThePolls() {
    handOverTest();
    driver.handleOne(JobTypes.CHECK_TEST, pending("IDLE", "row-1", true));
    driver.publish(Messages.AGENT_IDLE, "X-1");
    ActivatedJob first = driver.handleOne(JobTypes.CHECK_TEST, pending("IDLE", "row-1", false));
    assertThat(first.getVariable(Variables.IDLE_NUDGES)).isEqualTo(1);
    driver.assertNoJob(JobTypes.INTERRUPT_TESTER);
    driver.publish(Messages.AGENT_IDLE, "X-1");
    driver.handleOne(JobTypes.CHECK_TEST, pending("IDLE", "row-1", false));

    ActivatedJob interrupt = driver.handleOne(JobTypes.INTERRUPT_TESTER, complete());
    assertThat(interrupt.getVariable(Variables.IDLE_NUDGES)).isEqualTo(2);
    assertThat(interrupt.getVariable(Variables.SILENT_POLLS))
        .as("nudges are not silent polls")
        .isEqualTo(0);
    assertThat(interrupt.getVariable(Variables.TEST_ID)).isEqualTo("X-1");

    // a nudge that finds the tester working again starts the count afresh
    driver.publish(Messages.AGENT_IDLE, "X-1");
    driver.handleOne(JobTypes.CHECK_TEST, pending("BUSY", "row-1", false));
    driver.publish(Messages.AGENT_IDLE, "X-1");
    driver.handleOne(JobTypes.CHECK_TEST, pending("IDLE", "row-1", false));
    driver.assertNoJob(JobTypes.RELEASE_AGENT);
    driver.publish(Messages.TASK_STATUS_CHANGED, "X-1");
    pass();
    report();
    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElement("Event_TesterIdle", 4)
        .hasPassedElement(ElementIds.TASK_INTERRUPT_TESTER, 1)
        .hasPassedElement(ElementIds.EVENT_FEATURE_PASSED, 1);
  }

  @Test
  void aFixPromptGivesTheTesterAFreshCountAndAFreshRePrompt() {
    handOverTest();
    silentChecks(2);
    driver.handleOne(JobTypes.INTERRUPT_TESTER, complete());
    driver.advance(POLL);
    fail("first failure");
    driver.handleOne(JobTypes.FIX, complete());
    for (int i = 0; i < 2; i++) {
      driver.advance(POLL);
      driver.handleOne(JobTypes.CHECK_TEST, pending("IDLE", "row-1", false));
    }
    driver.assertNoJob(JobTypes.RELEASE_AGENT);
    assertThat(
            driver
                .handleOne(JobTypes.INTERRUPT_TESTER, complete())
                .getVariable(Variables.RALPH_CYCLE))
        .isEqualTo(2);
  }

  @Test
  void aBusyTesterOrAChangingRowIsNeverSilent() {
    handOverTest();
    driver.handleOne(JobTypes.CHECK_TEST, pending("BUSY", "row-1", true));
    for (int i = 0; i < 3; i++) {
      driver.advance(POLL);
      driver.handleOne(JobTypes.CHECK_TEST, pending("BUSY", "row-1", false));
    }
    for (int i = 2; i < 5; i++) {
      driver.advance(POLL);
      driver.handleOne(JobTypes.CHECK_TEST, pending("IDLE", "row-" + i, true));
    }
    driver.assertNoJob(JobTypes.INTERRUPT_TESTER);
    driver.assertNoJob(JobTypes.RELEASE_AGENT);
    driver.assertRun(run).isWaitingAtElements(ElementIds.GATEWAY_WAIT_TEST);
  }

  @Test
  void testerWhosePaneDiedLosesTheTestAtOnce() {
    handOverTest();
    driver.handleOne(JobTypes.CHECK_TEST, pending("DEAD", "row-1", true));
    ActivatedJob release = driver.handleOne(JobTypes.RELEASE_AGENT, complete());
    assertThat(release.getVariable(Variables.REASON)).isEqualTo("reassign");
    assertThat(release.getVariable(Variables.BLOCK_KIND)).isEqualTo("agent-gone");
    assertThat(release.getVariable(Variables.AGENT)).isEqualTo("agent-B");
    driver.assertNoJob(JobTypes.INTERRUPT_TESTER);
    reassignedAndPassed();
  }

  @Test
  void testerOutOfCreditsIsSetAsideAndTheTestReassigned() {
    handOverTest();
    driver.handleOne(JobTypes.CHECK_TEST, pending("RATE_LIMITED", "row-1", true));
    ActivatedJob release = driver.handleOne(JobTypes.RELEASE_AGENT, complete());
    assertThat(release.getVariable(Variables.BLOCK_KIND)).isEqualTo("credits");
    reassignedAndPassed();
  }

  @Test
  void testerUnreachableOnTheTestPromptIsSetAsideAndAnotherAgentAsked() {
    driver.handleOne(
        JobTypes.REQUEST_TEST,
        ProcessDriver.bpmnError(ErrorCodes.AGENT_UNREACHABLE, Map.of(Variables.AGENT, "agent-B")));
    ActivatedJob release = driver.handleOne(JobTypes.RELEASE_AGENT, complete());
    assertThat(release.getVariable(Variables.REASON)).isEqualTo("unreachable");
    assertThat(release.getVariable(Variables.AGENT)).isEqualTo("agent-B");
    assertThat(release.getVariable(Variables.TASK_ID)).isEqualTo("X-1");
    reassignedAndPassed();
    driver.assertRun(run).hasPassedElement(ElementIds.BOUNDARY_REQUEST_TEST_UNREACHABLE, 1);
  }

  @Test
  void testerUnreachableOnTheFixPromptLosesTheTest() {
    handOverTest();
    fail("first failure");
    driver.handleOne(
        JobTypes.FIX,
        ProcessDriver.bpmnError(ErrorCodes.AGENT_UNREACHABLE, Map.of(Variables.AGENT, "agent-B")));
    ActivatedJob release = driver.handleOne(JobTypes.RELEASE_AGENT, complete());
    assertThat(release.getVariable(Variables.REASON)).isEqualTo("unreachable");
    assertThat(release.getVariable(Variables.AGENT)).isEqualTo("agent-B");
    reassignedAndPassed();
    driver.assertRun(run).hasPassedElement(ElementIds.BOUNDARY_FIX_UNREACHABLE, 1);
  }

  @Test
  void testerUnreachableWhenPromptedAgainLosesTheTest() {
    handOverTest();
    silentChecks(2);
    driver.handleOne(
        JobTypes.INTERRUPT_TESTER,
        ProcessDriver.bpmnError(ErrorCodes.AGENT_UNREACHABLE, Map.of(Variables.AGENT, "agent-B")));
    ActivatedJob release = driver.handleOne(JobTypes.RELEASE_AGENT, complete());
    assertThat(release.getVariable(Variables.REASON)).isEqualTo("unreachable");
    reassignedAndPassed();
    driver.assertRun(run).hasPassedElement(ElementIds.BOUNDARY_INTERRUPT_TESTER_UNREACHABLE, 1);
  }

  @Test
  void noAgentLeftForTheTestEndsTheFeatureUntestedAndTheRunStillReports() {
    driver.handleOne(
        JobTypes.REQUEST_TEST,
        complete(Map.of(Variables.TEST_SENT, false, Variables.AGENTS_LEFT, false)));
    report();

    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElement(ElementIds.EVENT_FEATURE_UNTESTED, 1)
        .hasNotPassedElement(ElementIds.GATEWAY_WAIT_TEST_AGENT)
        .hasPassedElement(ElementIds.TASK_WRITE_REPORT, 1);
    assertThat(driver.variable(run, Variables.TEST_RESULTS))
        .isEqualTo(
            List.of(
                Map.of(
                    "featureId", "T-1", "testId", "X-1", "verdict", "untested", "ralphCycle", 1)));
  }

  @Test
  void aTestPromptPastThePromptLimitGivesTheTestUpAndFreesTheAgentJustChosen() {
    driver.handleOne(
        JobTypes.REQUEST_TEST,
        ProcessDriver.bpmnError(
            ErrorCodes.GUARD_HIT,
            Map.of(
                Variables.GUARD_REASON,
                "too many prompts: 4 sent in this run (baton.max-prompts-per-run)",
                Variables.AGENT,
                "agent-B")));
    assertGivenUp("agent-B", "too many prompts: 4 sent in this run (baton.max-prompts-per-run)");
    driver.assertRun(run).hasPassedElement(ElementIds.BOUNDARY_GUARD_REQUEST_TEST, 1);
  }

  @Test
  void aFixPromptPastThePromptLimitGivesTheTestUpInsteadOfAnotherCycle() {
    handOverTest();
    fail("first failure");
    driver.handleOne(
        JobTypes.FIX,
        ProcessDriver.bpmnError(
            ErrorCodes.GUARD_HIT,
            Map.of(
                Variables.GUARD_REASON,
                "too many prompts: 1 sent for X-1 (baton.max-prompts-per-task)")));
    assertGivenUp("agent-B", "too many prompts: 1 sent for X-1 (baton.max-prompts-per-task)");
    driver
        .assertRun(run)
        .hasPassedElement(ElementIds.BOUNDARY_GUARD_FIX, 1)
        .hasNotPassedElement(ElementIds.TASK_ESCALATE);
  }

  @Test
  void aRePromptOfASilentTesterPastThePromptLimitGivesTheTestUp() {
    handOverTest();
    silentChecks(2);
    driver.handleOne(
        JobTypes.INTERRUPT_TESTER,
        ProcessDriver.bpmnError(
            ErrorCodes.GUARD_HIT,
            Map.of(
                Variables.GUARD_REASON,
                "too many prompts: 1 sent for X-1 (baton.max-prompts-per-task)")));
    assertGivenUp("agent-B", "too many prompts: 1 sent for X-1 (baton.max-prompts-per-task)");
    driver
        .assertRun(run)
        .hasPassedElement(ElementIds.BOUNDARY_GUARD_INTERRUPT_TESTER, 1)
        .hasNotPassedElement(ElementIds.TASK_RELEASE_TESTER);
  }

  /**
   * The test's give-up path: the release step gets the reason, the tester and the test's row; the
   * run reports.
   */
  void assertGivenUp(String agent, String reason) {
    ActivatedJob giveUp = driver.handleOne(JobTypes.RELEASE_AGENT, complete());
    assertThat(giveUp.getElementId()).isEqualTo(ElementIds.TASK_GIVE_UP_TEST);
    assertThat(giveUp.getVariable(Variables.REASON)).isEqualTo("guard");
    assertThat(giveUp.getVariable(Variables.TASK_ID)).isEqualTo("X-1");
    assertThat(giveUp.getVariable(Variables.AGENT)).isEqualTo(agent);
    assertThat(giveUp.getVariable(Variables.GUARD_REASON)).isEqualTo(reason);
    driver.assertNoJob(JobTypes.REQUEST_TEST);
    report();
    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElementsInOrder(
            ElementIds.GATEWAY_TEST_GIVE_UP,
            ElementIds.TASK_GIVE_UP_TEST,
            ElementIds.EVENT_TEST_ABANDONED)
        .hasNotPassedElement(ElementIds.EVENT_FEATURE_PASSED);
    assertThat(driver.variable(run, Variables.TEST_RESULTS))
        .isEqualTo(
            List.of(
                Map.of(
                    "featureId", "T-1", "testId", "X-1", "verdict", "untested", "ralphCycle", 1)));
  }

  /**
   * After the release: the test is handed to another agent without waiting for the author, and
   * passes.
   */
  void reassignedAndPassed() {
    ActivatedJob again =
        driver.handleOne(
            JobTypes.REQUEST_TEST,
            complete(
                Map.of(
                    Variables.TEST_SENT,
                    true,
                    Variables.AGENT,
                    "agent-C",
                    Variables.AGENTS_LEFT,
                    true)));
    assertThat(again.getVariable(Variables.TEST_REASSIGNED)).isEqualTo(true);
    driver.publish(Messages.TASK_STATUS_CHANGED, "X-1");
    pass();
    report();
    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElement(ElementIds.TASK_RELEASE_TESTER, 1)
        .hasPassedElement(ElementIds.EVENT_FEATURE_PASSED, 1);
  }

  /** {@code n} more checks that find the tester idle and the test row as it was. */
  void silentChecks(int n) {
    driver.handleOne(JobTypes.CHECK_TEST, pending("IDLE", "row-1", true));
    for (int i = 0; i < n; i++) {
      driver.advance(POLL);
      driver.handleOne(JobTypes.CHECK_TEST, pending("IDLE", "row-1", false));
    }
  }

  static ProcessDriver.Reply pending(String screen, String fingerprint, boolean changed) {
    return complete(
        Map.of(
            Variables.VERDICT, "pending",
            Variables.TESTER_SCREEN, screen,
            Variables.TEST_ROW_FINGERPRINT, fingerprint,
            Variables.TEST_ROW_CHANGED, changed));
  }

  void pass() {
    driver.handleOne(JobTypes.CHECK_TEST, complete(Map.of(Variables.VERDICT, "passed")));
    assertThat(driver.handleOne(JobTypes.RELEASE_AGENT, complete()).getVariable(Variables.REASON))
        .isEqualTo("done");
  }

  void handOverTest() {
    driver.handleOne(
        JobTypes.REQUEST_TEST,
        complete(Map.of(Variables.TEST_SENT, true, Variables.AGENT, "agent-B")));
    driver.publish(Messages.TASK_STATUS_CHANGED, "X-1");
  }

  void fail(String tail) {
    driver.handleOne(
        JobTypes.CHECK_TEST,
        ProcessDriver.bpmnError(ErrorCodes.TESTS_FAILED, Map.of(Variables.FAILURE_TAIL, tail)));
  }

  void report() {
    driver.handleOne(JobTypes.REPORT, complete(Map.of(Variables.REPORT_PATH, "REPORT.md")));
  }
}
