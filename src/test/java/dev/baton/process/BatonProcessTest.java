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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs the real model through the distribution and polling paths, playing every worker from the
 * test.
 */
@Tag("end-to-end")
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
    assertThat(releases)
        .allSatisfy(job -> assertThat(job.getVariable(Variables.REASON)).isEqualTo("done"));

    driver.handleOne(
        JobTypes.PLAN_TESTS,
        complete(
            Map.of(
                Variables.TEST_TASKS,
                List.of(Map.of("testId", "X-1", "featureId", "T-1", "author", "agent-T-1")))));
    driver.handleOne(
        JobTypes.REQUEST_TEST,
        complete(Map.of(Variables.TEST_SENT, true, Variables.AGENT, "agent-T-2")));
    driver.publish(Messages.TASK_STATUS_CHANGED, "X-1");
    driver.handleOne(JobTypes.CHECK_TEST, complete(Map.of(Variables.VERDICT, "passed")));
    assertThat(driver.handleOne(JobTypes.RELEASE_AGENT, complete()).getVariable(Variables.REASON))
        .isEqualTo("done");
    driver.handleOne(JobTypes.REPORT, complete(Map.of(Variables.REPORT_PATH, "REPORT.md")));

    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElementsInOrder(
            ElementIds.SUBPROCESS_DECOMPOSE,
            ElementIds.SUBPROCESS_TEST,
            ElementIds.SUBPROCESS_REPORT,
            ElementIds.EVENT_RUN_FINISHED)
        .hasPassedElement(
            ElementIds.SUBPROCESS_TASKS, 4) // the multi-instance body and its three instances
        .hasPassedElement(ElementIds.TASK_SEND_PROMPT, 3)
        .hasPassedElement(ElementIds.MESSAGE_STATUS_CHANGED, 1)
        .hasPassedElement(ElementIds.TIMER_POLL, 2)
        .hasPassedElement(ElementIds.TASK_RELEASE_DONE, 3)
        .hasNotPassedElement(ElementIds.TASK_PROMPT_PLANNER)
        .hasNotPassedElement(ElementIds.TASK_REASSIGN)
        .hasVariableWithValue(Variables.REPORT_PATH, "REPORT.md");
    assertThat(taskResults(run))
        .containsExactlyInAnyOrder(
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

    driver.handleOne(
        JobTypes.RESERVE_AGENT,
        complete(Map.of(Variables.AGENT, "agent-B", Variables.RESERVED, true)));
    driver.handleOne(JobTypes.UPDATE_BOARD, complete());
    ActivatedJob dispatch = driver.handleOne(JobTypes.DISPATCH, complete());
    assertThat(dispatch.getVariable(Variables.PROMPT_KIND)).isEqualTo("reassigned");
    completeTasks(1);
    finishRun();

    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElement(ElementIds.TASK_REASSIGN, 1)
        .hasPassedElement(ElementIds.SUBPROCESS_DISTRIBUTE, 2)
        .hasNotPassedElement(ElementIds.TASK_SEND_UNBLOCK);
    assertThat(taskResults(run))
        .containsExactly(Map.of("taskId", "T-1", "agent", "agent-B", "outcome", "done"));
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
    assertThat(driver.handleOne(JobTypes.RELEASE_AGENT, complete()).getVariable(Variables.REASON))
        .isEqualTo("reassign");

    distribute(1);
    driver.advance(POLL);
    // the new agent gets its own unblock prompt: the flag was reset with the reassignment
    driver.handleOne(JobTypes.CHECK_STATUS, status("BLOCKED", "technical", 0));
    driver.handleOne(JobTypes.UNBLOCK, complete());
    completeTasks(1);
    finishRun();

    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
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

    driver
        .assertRun(run)
        .isCompleted()
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
    assertThat(driver.handleOne(JobTypes.RELEASE_AGENT, complete()).getVariable(Variables.REASON))
        .isEqualTo("reassign");
    distribute(1);
    completeTasks(1);
    finishRun();

    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElement(ElementIds.TASK_INTERRUPT, 1)
        .hasPassedElement(ElementIds.TASK_REASSIGN, 1)
        .hasPassedElement(ElementIds.TIMER_POLL, 4);
  }

  @Test
  void unreachableAgentIsSetAsideAndAnotherIsReserved() {
    long run = driver.startRun(ProcessDriver.startVariables("one task"));
    decompose(List.of("T-1"));
    driver.handleOne(
        JobTypes.RESERVE_AGENT,
        complete(Map.of(Variables.AGENT, "agent-A", Variables.RESERVED, true)));
    driver.handleOne(JobTypes.UPDATE_BOARD, complete());
    driver.handleOne(
        JobTypes.DISPATCH, ProcessDriver.bpmnError(ErrorCodes.AGENT_UNREACHABLE, Map.of()));
    ActivatedJob release = driver.handleOne(JobTypes.RELEASE_AGENT, complete());
    assertThat(release.getVariable(Variables.REASON)).isEqualTo("unreachable");
    assertThat(release.getVariable(Variables.AGENT)).isEqualTo("agent-A");
    distribute(1);
    completeTasks(1);
    finishRun();

    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElement(ElementIds.BOUNDARY_AGENT_UNREACHABLE, 1)
        .hasPassedElement(ElementIds.TASK_RELEASE_UNREACHABLE, 1)
        .hasPassedElement(ElementIds.TASK_RESERVE_AGENT, 2)
        .hasPassedElement(
            ElementIds.TASK_SEND_PROMPT, 1); // the first attempt ended in the error, not completed
    assertThat(taskResults(run))
        .containsExactly(Map.of("taskId", "T-1", "agent", "agent-T-1", "outcome", "done"));
  }

  @Test
  void anUnblockPromptTheAgentDoesNotTakeSetsItAsideAndPutsTheTaskBack() {
    long run = startWithOneTask();
    driver.advance(POLL);
    driver.handleOne(JobTypes.CHECK_STATUS, status("BLOCKED", "technical", 0));
    driver.handleOne(
        JobTypes.UNBLOCK, ProcessDriver.bpmnError(ErrorCodes.AGENT_UNREACHABLE, Map.of()));
    ActivatedJob release = driver.handleOne(JobTypes.RELEASE_AGENT, complete());
    assertThat(release.getVariable(Variables.REASON)).isEqualTo("unreachable");
    ActivatedJob dispatch = distribute(1).getFirst();
    assertThat(dispatch.getVariable(Variables.PROMPT_KIND)).isEqualTo("reassigned");
    completeTasks(1);
    finishRun();

    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElement(ElementIds.BOUNDARY_UNBLOCK_UNREACHABLE, 1)
        .hasPassedElement(ElementIds.TASK_POLL_RELEASE_UNREACHABLE, 1)
        .hasNotPassedElement(ElementIds.TASK_REASSIGN);
    assertThat(taskResults(run))
        .containsExactly(Map.of("taskId", "T-1", "agent", "agent-T-1", "outcome", "done"));
  }

  @Test
  void aRePromptTheAgentDoesNotTakeSetsItAsideAndPutsTheTaskBack() {
    long run = startWithOneTask();
    driver.advance(POLL);
    driver.handleOne(JobTypes.CHECK_STATUS, status("IN_PROGRESS", null, 2));
    driver.handleOne(
        JobTypes.INTERRUPT, ProcessDriver.bpmnError(ErrorCodes.AGENT_UNREACHABLE, Map.of()));
    ActivatedJob release = driver.handleOne(JobTypes.RELEASE_AGENT, complete());
    assertThat(release.getVariable(Variables.REASON)).isEqualTo("unreachable");
    distribute(1);
    completeTasks(1);
    finishRun();

    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElement(ElementIds.BOUNDARY_INTERRUPT_UNREACHABLE, 1)
        .hasPassedElement(ElementIds.TASK_POLL_RELEASE_UNREACHABLE, 1);
  }

  @Test
  void anOverdueAgentThatDoesNotTakeTheRePromptLosesTheTaskAtOnce() {
    Map<String, Object> vars = ProcessDriver.startVariables("one task");
    vars.put(Variables.TASK_TIMEOUT, "PT10M");
    long run = driver.startRun(vars);
    decompose(List.of("T-1"));
    distribute(1);

    driver.advance(Duration.ofMinutes(10));
    driver.handleOne(
        JobTypes.INTERRUPT, ProcessDriver.bpmnError(ErrorCodes.AGENT_UNREACHABLE, Map.of()));
    ActivatedJob release = driver.handleOne(JobTypes.RELEASE_AGENT, complete());
    assertThat(release.getVariable(Variables.REASON)).isEqualTo("reassign");
    distribute(1);
    completeTasks(1);
    finishRun();

    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElement(ElementIds.BOUNDARY_OVERDUE_UNREACHABLE, 1)
        .hasPassedElement(ElementIds.TASK_REASSIGN_OVERDUE, 1);
  }

  @Test
  void withNoFreeAgentTheTaskWaitsForOneOrForThePollInterval() {
    long run = driver.startRun(ProcessDriver.startVariables("one task"));
    decompose(List.of("T-1"));
    driver.handleOne(JobTypes.RESERVE_AGENT, complete(Map.of(Variables.RESERVED, false)));
    driver.assertNoJob(JobTypes.RESERVE_AGENT);
    driver.assertRun(run).isWaitingAtElements(ElementIds.GATEWAY_WAIT_AGENT);
    driver.publish(
        Messages.AGENT_AVAILABLE, "T-2"); // another task's message does not wake this one
    driver.assertNoJob(JobTypes.RESERVE_AGENT);
    driver.publish(Messages.AGENT_AVAILABLE, "T-1");
    driver.handleOne(JobTypes.RESERVE_AGENT, complete(Map.of(Variables.RESERVED, false)));
    driver.advance(POLL);
    distribute(1);
    completeTasks(1);
    finishRun();

    driver
        .assertRun(run)
        .isCompleted()
        .hasPassedElement(ElementIds.EVENT_AGENT_AVAILABLE, 1)
        .hasPassedElement(ElementIds.EVENT_AGENT_WAIT_TIMER, 1)
        .hasPassedElement(ElementIds.TASK_RESERVE_AGENT, 3)
        .hasPassedElement(ElementIds.TASK_UPDATE_BOARD, 1);
  }

  @Test
  void tooManyPromptsWhenSendingTheTaskGivesItUpWithTheReason() {
    long run = driver.startRun(ProcessDriver.startVariables("one task"));
    decompose(List.of("T-1"));
    driver.handleOne(
        JobTypes.RESERVE_AGENT,
        complete(Map.of(Variables.AGENT, "agent-A", Variables.RESERVED, true)));
    driver.handleOne(JobTypes.UPDATE_BOARD, complete());
    driver.handleOne(JobTypes.DISPATCH, tooManyPrompts());
    ActivatedJob giveUp = driver.handleOne(JobTypes.RELEASE_AGENT, complete());
    assertThat(giveUp.getVariable(Variables.REASON)).isEqualTo("guard");
    assertThat(giveUp.getVariable(Variables.GUARD_REASON)).isEqualTo(GUARD_REASON);
    assertThat(giveUp.getVariable(Variables.AGENT)).isEqualTo("agent-A");
    driver.assertNoJob(JobTypes.CHECK_STATUS); // never polled: the task ended
    finishRun();

    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElementsInOrder(
            ElementIds.BOUNDARY_GUARD_DISTRIBUTE,
            ElementIds.GATEWAY_GIVE_UP,
            ElementIds.TASK_GIVE_UP,
            ElementIds.EVENT_TASK_ABANDONED)
        .hasNotPassedElement(ElementIds.SUBPROCESS_POLL)
        .hasNotPassedElement(ElementIds.TASK_RELEASE_UNREACHABLE);
    assertThat(taskResults(run))
        .containsExactly(Map.of("taskId", "T-1", "agent", "agent-A", "outcome", "abandoned"));
  }

  @Test
  void tooManyPromptsForAnUnblockOrARepromptInThePollGivesTheTaskUp() {
    long run = driver.startRun(ProcessDriver.startVariables("two tasks"));
    decompose(List.of("T-1", "T-2"));
    distribute(2);
    driver.advance(POLL);
    driver.handle(
        JobTypes.CHECK_STATUS,
        2,
        job ->
            job.getVariable(Variables.TASK_ID).equals("T-1")
                ? status("BLOCKED", "technical", 0)
                : status("IN_PROGRESS", null, 2));
    driver.handleOne(JobTypes.UNBLOCK, tooManyPrompts());
    driver.handleOne(JobTypes.INTERRUPT, tooManyPrompts());
    List<ActivatedJob> giveUps = driver.handle(JobTypes.RELEASE_AGENT, 2, job -> complete());
    assertThat(giveUps)
        .allSatisfy(job -> assertThat(job.getVariable(Variables.REASON)).isEqualTo("guard"));
    finishRun();

    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElement(ElementIds.BOUNDARY_GUARD_POLL, 2)
        .hasPassedElement(ElementIds.TASK_GIVE_UP, 2)
        .hasNotPassedElement(ElementIds.TASK_REASSIGN);
    assertThat(taskResults(run))
        .extracting(r -> r.get("outcome"))
        .containsExactly("abandoned", "abandoned");
  }

  @Test
  void tooManyPromptsForTheOverdueRepromptGivesTheTaskUp() {
    Map<String, Object> vars = ProcessDriver.startVariables("one task");
    vars.put(Variables.TASK_TIMEOUT, "PT10M");
    long run = driver.startRun(vars);
    decompose(List.of("T-1"));
    distribute(1);
    driver.advance(Duration.ofMinutes(10));
    driver.handleOne(JobTypes.INTERRUPT, tooManyPrompts());
    assertThat(driver.handleOne(JobTypes.RELEASE_AGENT, complete()).getVariable(Variables.REASON))
        .isEqualTo("guard");
    finishRun();

    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElementsInOrder(
            ElementIds.BOUNDARY_GUARD_OVERDUE,
            ElementIds.TASK_GIVE_UP,
            ElementIds.EVENT_TASK_ABANDONED)
        .hasNotPassedElement(ElementIds.TASK_REASSIGN_OVERDUE);
    assertThat(taskResults(run))
        .containsExactly(Map.of("taskId", "T-1", "agent", "agent-T-1", "outcome", "abandoned"));
  }

  static final String GUARD_REASON =
      "too many prompts: 6 sent for T-1 (baton.max-prompts-per-task)";

  static ProcessDriver.Reply tooManyPrompts() {
    return ProcessDriver.bpmnError(
        ErrorCodes.GUARD_HIT, Map.of(Variables.GUARD_REASON, GUARD_REASON));
  }

  @Test
  void leadAgentPlansWhenTheRequestListsNoTasks() {
    long run = driver.startRun(ProcessDriver.startVariables("a vague wish"));
    driver.handleOne(
        JobTypes.DECOMPOSE,
        complete(Map.of(Variables.TASK_IDS, List.of(), Variables.NEEDS_PLAN, true)));
    driver.handleOne(JobTypes.PLAN, complete());
    driver.publish(Messages.BOARD_CHANGED, "run-1");
    driver.handleOne(
        JobTypes.COLLECT_PLAN,
        complete(Map.of(Variables.TASK_IDS, List.of("T-1"), Variables.PLAN_READY, false)));
    driver.assertNoJob(JobTypes.RESERVE_AGENT);
    driver.advance(POLL);
    driver.handleOne(
        JobTypes.COLLECT_PLAN,
        complete(Map.of(Variables.TASK_IDS, List.of("T-1", "T-2"), Variables.PLAN_READY, true)));
    distribute(2);
    completeTasks(2);
    finishRun();

    driver
        .assertRun(run)
        .isCompleted()
        .hasPassedElement(ElementIds.TASK_PROMPT_PLANNER, 1)
        .hasPassedElement(ElementIds.MESSAGE_PLAN_WRITTEN, 1)
        .hasPassedElement(ElementIds.TIMER_PLAN_POLL, 1)
        .hasPassedElement(ElementIds.TASK_COLLECT_PLAN, 2)
        .hasPassedElement(ElementIds.TASK_SEND_PROMPT, 2);
  }

  @Test
  void aPlanWaitsVisiblyForTheLeadAgentAndIsSentOnceAnAgentIsFree() {
    long run = driver.startRun(ProcessDriver.startVariables("a vague wish"));
    driver.handleOne(
        JobTypes.DECOMPOSE,
        complete(Map.of(Variables.TASK_IDS, List.of(), Variables.NEEDS_PLAN, true)));
    driver.handleOne(JobTypes.PLAN, complete(Map.of("leadFree", false, "planTaskId", "T-9")));
    driver.assertNoJob(JobTypes.PLAN);
    driver.advance(POLL);
    driver.handleOne(JobTypes.PLAN, complete(Map.of("leadFree", false, "planTaskId", "T-9")));
    driver.publish(Messages.AGENT_AVAILABLE, "T-9");
    driver.handleOne(JobTypes.PLAN, complete(Map.of("leadFree", true, "planTaskId", "T-9")));
    driver.publish(Messages.BOARD_CHANGED, "run-1");
    driver.handleOne(
        JobTypes.COLLECT_PLAN,
        complete(Map.of(Variables.TASK_IDS, List.of("T-10"), Variables.PLAN_READY, true)));
    distribute(1);
    completeTasks(1);
    finishRun();

    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElement(ElementIds.TASK_PROMPT_PLANNER, 3)
        .hasPassedElement(ElementIds.EVENT_LEAD_WAIT_TIMER, 1)
        .hasPassedElement(ElementIds.EVENT_LEAD_AVAILABLE, 1)
        .hasNotPassedElement(ElementIds.EVENT_NO_LEAD_FREE);
    // while planning no task is followed: the run's scope has no taskId for later waits to pick up
    // by mistake
    assertThat(driver.variable(run, Variables.TASK_ID)).isNull();
  }

  @Test
  void aPlanNoAgentIsFreeForInTwentyPollsEndsTheRunWithAFailureReport() {
    long run = driver.startRun(ProcessDriver.startVariables("a vague wish"));
    driver.handleOne(
        JobTypes.DECOMPOSE,
        complete(Map.of(Variables.TASK_IDS, List.of(), Variables.NEEDS_PLAN, true)));
    for (int i = 0; i < 20; i++) {
      driver.handleOne(JobTypes.PLAN, complete(Map.of("leadFree", false, "planTaskId", "T-9")));
      driver.assertNoJob(JobTypes.ABORT_RUN);
      driver.advance(POLL);
    }
    driver.handleOne(JobTypes.PLAN, complete(Map.of("leadFree", false, "planTaskId", "T-9")));
    ActivatedJob abort = driver.handleOne(JobTypes.ABORT_RUN, complete());
    assertThat(abort.getVariable(Variables.FAILURE_REASON))
        .isEqualTo("no agent became free to plan the request in 20 poll intervals");
    driver.handleOne(JobTypes.REPORT, complete(Map.of(Variables.REPORT_PATH, "REPORT.md")));

    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElement(ElementIds.TASK_PROMPT_PLANNER, 21)
        .hasPassedElement(
            ElementIds.EVENT_NO_LEAD_FREE, 1) // then its error end event, "Run cannot be planned"
        .hasPassedElement(ElementIds.EVENT_RUN_FAILED, 1)
        .hasNotPassedElement(ElementIds.TASK_COLLECT_PLAN)
        .hasNotPassedElement(ElementIds.SUBPROCESS_TASKS);
  }

  @Test
  void busyAgentWithNothingChangingIsInterruptedOnceThenTheTaskIsReassigned() {
    long run = startWithOneTask();
    driver.advance(POLL);
    driver.handleOne(JobTypes.CHECK_STATUS, stuck(4));
    driver.assertNoJob(JobTypes.INTERRUPT); // a spinner alone is not stuck yet
    driver.advance(POLL);
    driver.handleOne(JobTypes.CHECK_STATUS, stuck(5));
    ActivatedJob interrupt = driver.handleOne(JobTypes.INTERRUPT, complete());
    assertThat(interrupt.getVariable(Variables.STUCK_POLLS)).isEqualTo(5);
    driver.advance(POLL);
    driver.handleOne(JobTypes.CHECK_STATUS, stuck(5));
    assertThat(driver.handleOne(JobTypes.RELEASE_AGENT, complete()).getVariable(Variables.REASON))
        .isEqualTo("reassign");
    distribute(1);
    // the next agent starts with fresh counts
    driver.advance(POLL);
    driver.handleOne(JobTypes.CHECK_STATUS, stuck(5));
    driver.handleOne(JobTypes.INTERRUPT, complete());
    completeTasks(1);
    finishRun();

    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElement(ElementIds.TASK_INTERRUPT, 2)
        .hasPassedElement(ElementIds.TASK_REASSIGN, 1)
        .hasNotPassedElement(ElementIds.TASK_GIVE_UP);
  }

  @Test
  void taskOlderThanTaskTimeoutIsInterruptedThenReassignedOnTheSecondTimeout() {
    Map<String, Object> vars = ProcessDriver.startVariables("one task");
    vars.put(Variables.TASK_TIMEOUT, "PT10M");
    long run = driver.startRun(vars);
    decompose(List.of("T-1"));
    distribute(1);

    driver.advance(Duration.ofMinutes(10));
    ActivatedJob interrupt = driver.handleOne(JobTypes.INTERRUPT, complete());
    assertThat(interrupt.getVariable(Variables.CAUSE)).isEqualTo("overdue");
    driver.assertNoJob(JobTypes.RELEASE_AGENT);
    driver.advance(POLL); // watched again after the re-prompt
    driver.handleOne(JobTypes.CHECK_STATUS, status("IN_PROGRESS", null, 0));
    driver.advance(Duration.ofMinutes(10));
    ActivatedJob release = driver.handleOne(JobTypes.RELEASE_AGENT, complete());
    assertThat(release.getVariable(Variables.REASON)).isEqualTo("reassign");
    assertThat(release.getVariable(Variables.BLOCK_KIND)).isEqualTo("overdue");
    ActivatedJob dispatch = distribute(1).getFirst();
    assertThat(dispatch.getVariable(Variables.PROMPT_KIND)).isEqualTo("reassigned");
    completeTasks(1);
    finishRun();

    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElement(ElementIds.BOUNDARY_TASK_TIMEOUT, 2)
        .hasPassedElement(ElementIds.TASK_INTERRUPT_OVERDUE, 1)
        .hasPassedElement(ElementIds.TASK_REASSIGN_OVERDUE, 1)
        .hasPassedElement(
            ElementIds.SUBPROCESS_POLL, 1) // the two overdue ones were interrupted, not completed
        .hasPassedElement(ElementIds.SUBPROCESS_DISTRIBUTE, 2);
    assertThat(taskResults(run))
        .containsExactly(Map.of("taskId", "T-1", "agent", "agent-T-1", "outcome", "done"));
  }

  @Test
  void aWaitingTaskWhoseDependencyLeftTheBoardIsReleasedAndTheRunGoesOn() {
    long run = driver.startRun(ProcessDriver.startVariables("two tasks"));
    decompose(List.of("T-1", "T-2"));
    driver.handle(
        JobTypes.RESERVE_AGENT,
        2,
        job ->
            job.getVariable(Variables.TASK_ID).equals("T-1")
                ? complete(Map.of(Variables.AGENT, "agent-A", Variables.RESERVED, true))
                : complete(
                    withNull(
                        Map.of(Variables.RESERVED, false, Variables.MISSING_DEPENDENCY, "T-9"),
                        Variables.AGENT)));
    ActivatedJob release = driver.handleOne(JobTypes.RELEASE_AGENT, complete());
    assertThat(release.getVariable(Variables.REASON)).isEqualTo("dependency-gone");
    assertThat(release.getVariable(Variables.MISSING_DEPENDENCY)).isEqualTo("T-9");
    driver.handleOne(JobTypes.UPDATE_BOARD, complete());
    driver.handleOne(JobTypes.DISPATCH, complete());
    completeTasks(1);
    finishRun();

    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElement(
            ElementIds.BOUNDARY_DEPENDENCY_GONE, 1) // thrown by the end event "Dependency gone"
        .hasPassedElement(ElementIds.TASK_DROP_WAITING, 1)
        .hasPassedElement(ElementIds.EVENT_WAITING_TASK_DROPPED, 1)
        .hasNotPassedElement(ElementIds.GATEWAY_WAIT_AGENT);
    assertThat(taskResults(run))
        .containsExactlyInAnyOrder(
            Map.of("taskId", "T-1", "agent", "agent-A", "outcome", "done"),
            withNull(Map.of("taskId", "T-2", "outcome", "dropped"), "agent"));
  }

  @Test
  void anAgentBlockedOnATaskThatLeftTheBoardIsFreedAndTheTaskReleased() {
    long run = startWithOneTask();
    driver.advance(POLL);
    Map<String, Object> vars = new HashMap<>();
    vars.put(Variables.STATUS, "BLOCKED");
    vars.put(Variables.BLOCK_KIND, "dependency");
    vars.put(Variables.DEPENDENCIES, "gone");
    vars.put(Variables.MISSING_DEPENDENCY, "T-9");
    vars.put(Variables.SILENT_POLLS, 0);
    driver.handleOne(JobTypes.CHECK_STATUS, complete(vars));
    ActivatedJob release = driver.handleOne(JobTypes.RELEASE_AGENT, complete());
    assertThat(release.getVariable(Variables.REASON)).isEqualTo("dependency-gone");
    finishRun();

    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElement(ElementIds.TASK_DROP_BLOCKED, 1)
        .hasPassedElement(ElementIds.EVENT_BLOCKED_TASK_DROPPED, 1)
        .hasNotPassedElement(ElementIds.TASK_REASSIGN);
    assertThat(taskResults(run))
        .containsExactly(Map.of("taskId", "T-1", "agent", "agent-T-1", "outcome", "dropped"));
  }

  @Test
  void aRunWhereNothingMovesForTheStallLimitEndsWithAFailureReport() {
    long run = driver.startRun(ProcessDriver.startVariables("one task, no agent"));
    decompose(List.of("T-1"));
    driver.handleOne(JobTypes.RESERVE_AGENT, complete(Map.of(Variables.RESERVED, false)));
    driver.assertNoJob(JobTypes.CHECK_PROGRESS);

    driver.advance(Duration.ofMinutes(30));
    driver.handleOne(JobTypes.CHECK_PROGRESS, complete(Map.of(Variables.STALLED, false)));
    driver.assertNoJob(JobTypes.ABORT_RUN);
    driver.advance(Duration.ofMinutes(30));
    driver.handleOne(
        JobTypes.CHECK_PROGRESS,
        complete(
            Map.of(
                Variables.STALLED,
                true,
                Variables.FAILURE_REASON,
                "the run stalled: nothing moved for 30 min")));
    ActivatedJob abort = driver.handleOne(JobTypes.ABORT_RUN, complete());
    assertThat(abort.getVariable(Variables.FAILURE_REASON))
        .isEqualTo("the run stalled: nothing moved for 30 min");
    ActivatedJob report =
        driver.handleOne(JobTypes.REPORT, complete(Map.of(Variables.REPORT_PATH, "REPORT.md")));
    assertThat(report.getVariable(Variables.FAILURE_REASON))
        .isEqualTo("the run stalled: nothing moved for 30 min");

    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElement(ElementIds.TASK_CHECK_PROGRESS, 2)
        .hasPassedElement(ElementIds.EVENT_RUN_PROGRESSING, 1)
        .hasPassedElement(
            ElementIds.EVENT_RUN_CANNOT_GO_ON, 1) // thrown by the end event "Run stalled"
        .hasPassedElementsInOrder(
            ElementIds.TASK_ABORT_RUN,
            ElementIds.TASK_WRITE_FAILURE_REPORT,
            ElementIds.EVENT_RUN_FAILED)
        .hasNotPassedElement(ElementIds.SUBPROCESS_TEST)
        .hasNotPassedElement(ElementIds.EVENT_RUN_FINISHED);
    driver.assertNoJob(JobTypes.RESERVE_AGENT); // the waiting task went with the run
  }

  @Test
  void aStepThatFindsTheAgentsTmuxGoneEndsTheRunWithAFailureReport() {
    long run = driver.startRun(ProcessDriver.startVariables("two tasks"));
    decompose(List.of("T-1", "T-2"));
    distribute(2);
    driver.advance(POLL);
    driver.handle(
        JobTypes.CHECK_STATUS,
        2,
        job ->
            job.getVariable(Variables.TASK_ID).equals("T-1")
                ? ProcessDriver.bpmnError(
                    ErrorCodes.RUN_FAILED,
                    Map.of(Variables.FAILURE_REASON, "the agents' tmux server is gone"))
                : status("IN_PROGRESS", null, 0));
    driver.handleOne(JobTypes.ABORT_RUN, complete());
    ActivatedJob report =
        driver.handleOne(JobTypes.REPORT, complete(Map.of(Variables.REPORT_PATH, "REPORT.md")));
    assertThat(report.getVariable(Variables.FAILURE_REASON))
        .isEqualTo("the agents' tmux server is gone");

    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElement(ElementIds.EVENT_RUN_CANNOT_GO_ON, 1)
        .hasPassedElement(ElementIds.EVENT_RUN_FAILED, 1)
        .hasNotPassedElement(ElementIds.EVENT_RUN_FINISHED)
        .hasNotPassedElement(ElementIds.SUBPROCESS_TEST);
    driver.assertNoJob(JobTypes.CHECK_STATUS);
  }

  @Test
  void aUsageLimitOnTheScreenIsRoutedByTheDecisionTableToAnotherAgentWithTheAgentRested() {
    long run = startWithOneTask();
    driver.advance(POLL);
    Map<String, Object> facts = new HashMap<>();
    facts.put(Variables.STATUS, "IN_PROGRESS");
    facts.put(Variables.SCREEN, "RATE_LIMITED");
    facts.put(Variables.RESETS_AT, "2026-12-03T15:00:00Z");
    facts.put(Variables.SILENT_POLLS, 0);
    driver.handleOne(JobTypes.CHECK_STATUS, complete(facts));
    ActivatedJob release = driver.handleOne(JobTypes.RELEASE_AGENT, complete());
    assertThat(release.getVariable(Variables.REASON)).isEqualTo("reassign");
    assertThat(release.getVariable(Variables.BLOCK_KIND))
        .isEqualTo("credits"); // the release rests the agent
    assertThat(release.getVariable(Variables.RESETS_AT)).isEqualTo("2026-12-03T15:00:00Z");
    distribute(1);
    completeTasks(1);
    finishRun();

    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElement(ElementIds.TASK_DECIDE_ROUTE, 2)
        .hasPassedElement(ElementIds.TASK_REASSIGN, 1)
        .hasNotPassedElement(ElementIds.TASK_INTERRUPT);
  }

  @Test
  void aRowAddedToTheDecisionTableChangesTheRouteWithoutAnyCodeChange() throws Exception {
    // a user decides that a flaky network is not worth an unblock prompt: straight to another agent
    String table = java.nio.file.Files.readString(TaskRouteTableTest.TABLE);
    String flaky =
        table.replace(
            "<rule id=\"Rule_01\">",
            """
        <rule id="Rule_Flaky">
                <inputEntry id="Flaky_status"><text>"BLOCKED"</text></inputEntry>
                <inputEntry id="Flaky_note"><text>contains(lower case(?), "network")</text></inputEntry>
        """
                + dashes(table)
                + """
                <outputEntry id="Flaky_route"><text>"reassign"</text></outputEntry>
                <outputEntry id="Flaky_cause"><text>"technical"</text></outputEntry>
              </rule>
              <rule id="Rule_01">""");
    driver.deploy("task-route.dmn", flaky);
    long run = startWithOneTask();
    driver.advance(POLL);
    Map<String, Object> facts = new HashMap<>();
    facts.put(Variables.STATUS, "BLOCKED");
    facts.put(Variables.BLOCK_KIND, "technical");
    facts.put(Variables.NOTE, "Network unreachable while fetching dependencies");
    facts.put(Variables.SILENT_POLLS, 0);
    driver.handleOne(JobTypes.CHECK_STATUS, complete(facts));
    assertThat(driver.handleOne(JobTypes.RELEASE_AGENT, complete()).getVariable(Variables.REASON))
        .isEqualTo("reassign");
    distribute(1);
    completeTasks(1);
    finishRun();

    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElement(ElementIds.TASK_REASSIGN, 1)
        .hasNotPassedElement(ElementIds.TASK_SEND_UNBLOCK);
  }

  /** Input entries "-" for every input column after status and note. */
  static String dashes(String table) {
    int inputs = table.split("<input id=").length - 1;
    StringBuilder out = new StringBuilder();
    for (int i = 2; i < inputs; i++) {
      out.append("        <inputEntry id=\"Flaky_")
          .append(i)
          .append("\"><text>-</text></inputEntry>\n");
    }
    return out.toString();
  }

  @Test
  void idleNudgesAreCountedApartFromSilentPollsAndInterruptAtTheirOwnLimit() {
    long run = startWithOneTask();
    driver.advance(POLL);
    ActivatedJob timed = driver.handleOne(JobTypes.CHECK_STATUS, status("IN_PROGRESS", null, 1));
    assertThat(timed.getVariable(Variables.WOKEN_BY)).isEqualTo("timer");

    // one silent poll and one idle nudge: not two of either, so no interrupt yet
    driver.publish(Messages.AGENT_IDLE, "T-2"); // another task's nudge does not wake this one
    driver.assertNoJob(JobTypes.CHECK_STATUS);
    driver.publish(Messages.AGENT_IDLE, "T-1");
    ActivatedJob nudged = driver.handleOne(JobTypes.CHECK_STATUS, idleLook());
    assertThat(nudged.getVariable(Variables.WOKEN_BY)).isEqualTo("idle");
    assertThat(nudged.getVariable(Variables.IDLE_NUDGES)).isEqualTo(1);
    assertThat(nudged.getVariable(Variables.SILENT_POLLS)).isEqualTo(1);
    driver.assertNoJob(JobTypes.INTERRUPT);

    driver.publish(Messages.AGENT_IDLE, "T-1");
    ActivatedJob second = driver.handleOne(JobTypes.CHECK_STATUS, idleLook());
    assertThat(second.getVariable(Variables.IDLE_NUDGES)).isEqualTo(2);
    ActivatedJob interrupt = driver.handleOne(JobTypes.INTERRUPT, complete());
    assertThat(interrupt.getVariable(Variables.CAUSE)).isEqualTo("idle");
    assertThat(interrupt.getVariable(Variables.SILENT_POLLS))
        .isEqualTo(1); // the nudges were not silent polls

    // the re-prompt starts the count again; idle twice more after it puts the task back
    driver.publish(Messages.AGENT_IDLE, "T-1");
    assertThat(
            driver.handleOne(JobTypes.CHECK_STATUS, idleLook()).getVariable(Variables.IDLE_NUDGES))
        .isEqualTo(1);
    driver.publish(Messages.AGENT_IDLE, "T-1");
    driver.handleOne(JobTypes.CHECK_STATUS, idleLook());
    ActivatedJob release = driver.handleOne(JobTypes.RELEASE_AGENT, complete());
    assertThat(release.getVariable(Variables.BLOCK_KIND)).isEqualTo("idle");
    ActivatedJob dispatch = distribute(1).getFirst();
    assertThat(dispatch.getVariable(Variables.IDLE_NUDGES)).isEqualTo(0);
    completeTasks(1);
    finishRun();

    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElement(ElementIds.MESSAGE_AGENT_IDLE, 4)
        .hasPassedElement(ElementIds.TASK_INTERRUPT, 1)
        .hasPassedElement(ElementIds.TASK_REASSIGN, 1);
  }

  /** A look asked for by "Agent went idle": the worker leaves the poll counts to the model. */
  static ProcessDriver.Reply idleLook() {
    Map<String, Object> vars = new HashMap<>();
    vars.put(Variables.STATUS, "IN_PROGRESS");
    vars.put(Variables.SCREEN, "IDLE");
    return complete(vars);
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
    driver.handleOne(
        JobTypes.DECOMPOSE,
        complete(Map.of(Variables.TASK_IDS, taskIds, Variables.NEEDS_PLAN, false)));
  }

  /**
   * Reserves an agent named after each task, marks the board and sends the prompt, for {@code n}
   * tasks.
   */
  List<ActivatedJob> distribute(int n) {
    driver.handle(
        JobTypes.RESERVE_AGENT,
        n,
        job ->
            complete(
                Map.of(
                    Variables.AGENT,
                    "agent-" + job.getVariable(Variables.TASK_ID),
                    Variables.RESERVED,
                    true)));
    driver.handle(JobTypes.UPDATE_BOARD, n, job -> complete());
    return driver.handle(JobTypes.DISPATCH, n, job -> complete());
  }

  static ProcessDriver.Reply stuck(int stuckPolls) {
    Map<String, Object> vars = new HashMap<>();
    vars.put(Variables.STATUS, "IN_PROGRESS");
    vars.put(Variables.BLOCK_KIND, null);
    vars.put(Variables.SILENT_POLLS, 0);
    vars.put(Variables.STUCK_POLLS, stuckPolls);
    return complete(vars);
  }

  static Map<String, Object> withNull(Map<String, Object> values, String nullKey) {
    Map<String, Object> all = new HashMap<>(values);
    all.put(nullKey, null);
    return all;
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
