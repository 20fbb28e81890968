package dev.baton.process;

import static dev.baton.process.ProcessDriver.complete;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the real model through the distribution and polling paths, playing every worker from the test. */
class BatonProcessTest {
  static final Duration POLL = Duration.ofSeconds(80);

  ProcessDriver driver;

  @BeforeEach
  void startEngine() {
    driver = ProcessDriver.start();
  }

  @AfterEach
  void stopEngine() {
    driver.close();
  }

  @Test
  void threeTasksAreDistributedPolledTestedAndReported() {
    long run = driver.startRun(ProcessDriver.startVariables("build three things"));
    decompose(List.of("T-1", "T-2", "T-3"));
    distribute(3);

    driver.publish(Messages.TASK_STATUS_CHANGED, "T-1");
    driver.advance(POLL); // the two others poll on the timer
    driver.handle(JobTypes.CHECK_STATUS, 3, job -> status("COMPLETED", null, 0));
    List<ActivatedJob> releases = driver.handle(JobTypes.RELEASE_AGENT, 3, job -> complete());
    assertThat(releases).allSatisfy(job -> assertThat(job.getVariable(Variables.REASON)).isEqualTo("done"));

    driver.handleOne(JobTypes.PLAN_TESTS, complete(Map.of(Variables.TEST_TASKS, List.of(
        Map.of("testId", "X-1", "featureId", "T-1", "author", "agent-T-1")))));
    driver.handleOne(JobTypes.REQUEST_TEST, complete(Map.of(Variables.TEST_SENT, true, Variables.AGENT, "agent-T-2")));
    driver.publish(Messages.TASK_STATUS_CHANGED, "X-1");
    driver.handleOne(JobTypes.CHECK_TEST, complete(Map.of(Variables.VERDICT, "passed")));
    driver.handleOne(JobTypes.REPORT, complete(Map.of(Variables.REPORT_PATH, "REPORT.md")));

    driver.assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElementsInOrder(ElementIds.SUBPROCESS_DECOMPOSE,
            ElementIds.SUBPROCESS_TEST, ElementIds.SUBPROCESS_REPORT, ElementIds.EVENT_RUN_FINISHED)
        .hasPassedElement(ElementIds.SUBPROCESS_TASKS, 4) // the multi-instance body and its three instances
        .hasPassedElement(ElementIds.TASK_SEND_PROMPT, 3)
        .hasPassedElement(ElementIds.MESSAGE_STATUS_CHANGED, 1)
        .hasPassedElement(ElementIds.TIMER_POLL, 2)
        .hasPassedElement(ElementIds.TASK_RELEASE_DONE, 3)
        .hasNotPassedElement(ElementIds.TASK_PROMPT_PLANNER)
        .hasNotPassedElement(ElementIds.TASK_REASSIGN)
        .hasVariableWithValue(Variables.REPORT_PATH, "REPORT.md");
    assertThat(taskResults(run)).containsExactlyInAnyOrder(
        Map.of("taskId", "T-1", "agent", "agent-T-1", "outcome", "done"),
        Map.of("taskId", "T-2", "agent", "agent-T-2", "outcome", "done"),
        Map.of("taskId", "T-3", "agent", "agent-T-3", "outcome", "done"));
  }

  @Test
  void outOfCreditsPutsTheTaskBackAndAnotherAgentTakesItOver() {
    long run = startWithOneTask();
    driver.advance(POLL);
    driver.handleOne(JobTypes.CHECK_STATUS, status("BLOCKED", "credits", 0));
    ActivatedJob release = driver.handleOne(JobTypes.RELEASE_AGENT, complete());
    assertThat(release.getVariable(Variables.REASON)).isEqualTo("reassign");

    driver.handleOne(JobTypes.RESERVE_AGENT, complete(Map.of(Variables.AGENT, "agent-B", Variables.RESERVED, true)));
    driver.handleOne(JobTypes.UPDATE_BOARD, complete());
    ActivatedJob dispatch = driver.handleOne(JobTypes.DISPATCH, complete());
    assertThat(dispatch.getVariable(Variables.PROMPT_KIND)).isEqualTo("reassigned");
    completeTasks(1);
    finishRun();

    driver.assertRun(run).isCompleted().hasNoIncidents()
        .hasPassedElement(ElementIds.TASK_REASSIGN, 1)
        .hasPassedElement(ElementIds.SUBPROCESS_DISTRIBUTE, 2)
        .hasNotPassedElement(ElementIds.TASK_SEND_UNBLOCK);
    assertThat(taskResults(run)).containsExactly(Map.of("taskId", "T-1", "agent", "agent-B", "outcome", "done"));
  }

  @Test
  void technicalBlockGetsOneUnblockPromptThenTheTaskIsReassigned() {
    long run = startWithOneTask();
    driver.advance(POLL);
    driver.handleOne(JobTypes.CHECK_STATUS, status("BLOCKED", "technical", 0));
    driver.handleOne(JobTypes.UNBLOCK, complete());
    driver.assertNoJob(JobTypes.RELEASE_AGENT);
    driver.advance(POLL);
    driver.handleOne(JobTypes.CHECK_STATUS, status("BLOCKED", "technical", 0));
    assertThat(driver.handleOne(JobTypes.RELEASE_AGENT, complete()).getVariable(Variables.REASON)).isEqualTo("reassign");

    distribute(1);
    driver.advance(POLL);
    // the new agent gets its own unblock prompt: the flag was reset with the reassignment
    driver.handleOne(JobTypes.CHECK_STATUS, status("BLOCKED", "technical", 0));
    driver.handleOne(JobTypes.UNBLOCK, complete());
    completeTasks(1);
    finishRun();

    driver.assertRun(run).isCompleted().hasNoIncidents()
        .hasPassedElement(ElementIds.TASK_SEND_UNBLOCK, 2)
        .hasPassedElement(ElementIds.TASK_REASSIGN, 1)
        .hasNotPassedElement(ElementIds.TASK_INTERRUPT);
  }

  @Test
  void dependencyBlockJustKeepsWaitingEvenWhenSilent() {
    long run = startWithOneTask();
    for (int poll = 0; poll < 2; poll++) {
      driver.advance(POLL);
      driver.handleOne(JobTypes.CHECK_STATUS, status("BLOCKED", "dependency", 5));
      driver.assertNoJob(JobTypes.RELEASE_AGENT);
    }
    completeTasks(1);
    finishRun();

    driver.assertRun(run).isCompleted()
        .hasPassedElement(ElementIds.TASK_CHECK_STATUS, 3)
        .hasNotPassedElement(ElementIds.TASK_INTERRUPT)
        .hasNotPassedElement(ElementIds.TASK_SEND_UNBLOCK)
        .hasNotPassedElement(ElementIds.TASK_REASSIGN);
  }

  @Test
  void silentAgentIsInterruptedOnceThenTheTaskIsReassigned() {
    long run = startWithOneTask();
    driver.advance(POLL);
    driver.handleOne(JobTypes.CHECK_STATUS, status("IN_PROGRESS", null, 1));
    driver.assertNoJob(JobTypes.INTERRUPT);
    driver.advance(POLL);
    driver.handleOne(JobTypes.CHECK_STATUS, status("IN_PROGRESS", null, 2));
    driver.handleOne(JobTypes.INTERRUPT, complete());
    driver.advance(POLL);
    driver.handleOne(JobTypes.CHECK_STATUS, status("IN_PROGRESS", null, 2));
    assertThat(driver.handleOne(JobTypes.RELEASE_AGENT, complete()).getVariable(Variables.REASON)).isEqualTo("reassign");
    distribute(1);
    completeTasks(1);
    finishRun();

    driver.assertRun(run).isCompleted().hasNoIncidents()
        .hasPassedElement(ElementIds.TASK_INTERRUPT, 1)
        .hasPassedElement(ElementIds.TASK_REASSIGN, 1)
        .hasPassedElement(ElementIds.TIMER_POLL, 4);
  }

  @Test
  void unreachableAgentIsSetAsideAndAnotherIsReserved() {
    long run = driver.startRun(ProcessDriver.startVariables("one task"));
    decompose(List.of("T-1"));
    driver.handleOne(JobTypes.RESERVE_AGENT, complete(Map.of(Variables.AGENT, "agent-A", Variables.RESERVED, true)));
    driver.handleOne(JobTypes.UPDATE_BOARD, complete());
    driver.handleOne(JobTypes.DISPATCH, ProcessDriver.bpmnError(ErrorCodes.AGENT_UNREACHABLE, Map.of()));
    ActivatedJob release = driver.handleOne(JobTypes.RELEASE_AGENT, complete());
    assertThat(release.getVariable(Variables.REASON)).isEqualTo("unreachable");
    assertThat(release.getVariable(Variables.AGENT)).isEqualTo("agent-A");
    distribute(1);
    completeTasks(1);
    finishRun();

    driver.assertRun(run).isCompleted().hasNoIncidents()
        .hasPassedElement(ElementIds.BOUNDARY_AGENT_UNREACHABLE, 1)
        .hasPassedElement(ElementIds.TASK_RELEASE_UNREACHABLE, 1)
        .hasPassedElement(ElementIds.TASK_RESERVE_AGENT, 2)
        .hasPassedElement(ElementIds.TASK_SEND_PROMPT, 1); // the first attempt ended in the error, not completed
    assertThat(taskResults(run)).containsExactly(Map.of("taskId", "T-1", "agent", "agent-T-1", "outcome", "done"));
  }

  @Test
  void withNoFreeAgentTheTaskWaitsForOneOrForThePollInterval() {
    long run = driver.startRun(ProcessDriver.startVariables("one task"));
    decompose(List.of("T-1"));
    driver.handleOne(JobTypes.RESERVE_AGENT, complete(Map.of(Variables.RESERVED, false)));
    driver.assertNoJob(JobTypes.RESERVE_AGENT);
    driver.assertRun(run).isWaitingAtElements(ElementIds.GATEWAY_WAIT_AGENT);
    driver.publish(Messages.AGENT_AVAILABLE, "T-2"); // another task's message does not wake this one
    driver.assertNoJob(JobTypes.RESERVE_AGENT);
    driver.publish(Messages.AGENT_AVAILABLE, "T-1");
    driver.handleOne(JobTypes.RESERVE_AGENT, complete(Map.of(Variables.RESERVED, false)));
    driver.advance(POLL);
    distribute(1);
    completeTasks(1);
    finishRun();

    driver.assertRun(run).isCompleted()
        .hasPassedElement(ElementIds.EVENT_AGENT_AVAILABLE, 1)
        .hasPassedElement(ElementIds.EVENT_AGENT_WAIT_TIMER, 1)
        .hasPassedElement(ElementIds.TASK_RESERVE_AGENT, 3)
        .hasPassedElement(ElementIds.TASK_UPDATE_BOARD, 1);
  }

  @Test
  void guardHitGivesTheTaskUp() {
    long run = startWithOneTask();
    driver.advance(POLL);
    driver.handleOne(JobTypes.CHECK_STATUS, status("BLOCKED", "guard", 0));
    assertThat(driver.handleOne(JobTypes.RELEASE_AGENT, complete()).getVariable(Variables.REASON)).isEqualTo("guard");
    finishRun();

    driver.assertRun(run).isCompleted()
        .hasPassedElement(ElementIds.TASK_GIVE_UP, 1)
        .hasPassedElement(ElementIds.EVENT_TASK_ABANDONED, 1)
        .hasNotPassedElement(ElementIds.TASK_REASSIGN);
    assertThat(taskResults(run)).containsExactly(Map.of("taskId", "T-1", "agent", "agent-T-1", "outcome", "abandoned"));
  }

  @Test
  void leadAgentPlansWhenTheRequestListsNoTasks() {
    long run = driver.startRun(ProcessDriver.startVariables("a vague wish"));
    driver.handleOne(JobTypes.DECOMPOSE, complete(Map.of(Variables.TASK_IDS, List.of(), Variables.NEEDS_PLAN, true)));
    driver.handleOne(JobTypes.PLAN, complete());
    driver.publish(Messages.BOARD_CHANGED, "run-1");
    driver.handleOne(JobTypes.COLLECT_PLAN, complete(Map.of(Variables.TASK_IDS, List.of("T-1"), Variables.PLAN_READY, false)));
    driver.assertNoJob(JobTypes.RESERVE_AGENT);
    driver.advance(POLL);
    driver.handleOne(JobTypes.COLLECT_PLAN,
        complete(Map.of(Variables.TASK_IDS, List.of("T-1", "T-2"), Variables.PLAN_READY, true)));
    distribute(2);
    completeTasks(2);
    finishRun();

    driver.assertRun(run).isCompleted()
        .hasPassedElement(ElementIds.TASK_PROMPT_PLANNER, 1)
        .hasPassedElement(ElementIds.MESSAGE_PLAN_WRITTEN, 1)
        .hasPassedElement(ElementIds.TIMER_PLAN_POLL, 1)
        .hasPassedElement(ElementIds.TASK_COLLECT_PLAN, 2)
        .hasPassedElement(ElementIds.TASK_SEND_PROMPT, 2);
  }

  // ---- helpers shared by the scenarios

  long startWithOneTask() {
    long run = driver.startRun(ProcessDriver.startVariables("one task"));
    decompose(List.of("T-1"));
    distribute(1);
    return run;
  }

  /** Polls {@code n} waiting tasks, finds them completed and frees their agents. */
  void completeTasks(int n) {
    driver.advance(POLL);
    driver.handle(JobTypes.CHECK_STATUS, n, job -> status("COMPLETED", null, 0));
    driver.handle(JobTypes.RELEASE_AGENT, n, job -> complete());
  }

  /** No feature to test, then the report. */
  void finishRun() {
    driver.handleOne(JobTypes.PLAN_TESTS, complete(Map.of(Variables.TEST_TASKS, List.of())));
    driver.handleOne(JobTypes.REPORT, complete(Map.of(Variables.REPORT_PATH, "REPORT.md")));
  }

  void decompose(List<String> taskIds) {
    driver.handleOne(JobTypes.DECOMPOSE, complete(Map.of(Variables.TASK_IDS, taskIds, Variables.NEEDS_PLAN, false)));
  }

  /** Reserves an agent named after each task, marks the board and sends the prompt, for {@code n} tasks. */
  void distribute(int n) {
    driver.handle(JobTypes.RESERVE_AGENT, n,
        job -> complete(Map.of(Variables.AGENT, "agent-" + job.getVariable(Variables.TASK_ID), Variables.RESERVED, true)));
    driver.handle(JobTypes.UPDATE_BOARD, n, job -> complete());
    driver.handle(JobTypes.DISPATCH, n, job -> complete());
  }

  static ProcessDriver.Reply status(String status, String blockKind, int silentPolls) {
    Map<String, Object> vars = new HashMap<>();
    vars.put(Variables.STATUS, status);
    vars.put(Variables.BLOCK_KIND, blockKind);
    vars.put(Variables.SILENT_POLLS, silentPolls);
    return complete(vars);
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> taskResults(long run) {
    return (List<Map<String, Object>>) driver.variable(run, Variables.TASK_RESULTS);
  }
}
