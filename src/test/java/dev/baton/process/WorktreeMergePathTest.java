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
 * The model's "Merge the task's work" path of worktree isolation, every worker played from the
 * test.
 */
@Tag("end-to-end")
class WorktreeMergePathTest {
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

  long startOneTask(String isolation) {
    Map<String, Object> vars = new HashMap<>(ProcessDriver.startVariables("one task"));
    if (isolation != null) {
      vars.put(Variables.ISOLATION, isolation);
    }
    long run = driver.startRun(vars);
    driver.handleOne(
        JobTypes.DECOMPOSE,
        complete(Map.of(Variables.TASK_IDS, List.of("T-1"), Variables.NEEDS_PLAN, false)));
    driver.handleOne(
        JobTypes.RESERVE_AGENT, complete(Map.of(Variables.AGENT, "AMP", Variables.RESERVED, true)));
    driver.handleOne(JobTypes.UPDATE_BOARD, complete());
    driver.handleOne(JobTypes.DISPATCH, complete());
    return run;
  }

  void completedOnTheBoard() {
    driver.publish(Messages.TASK_STATUS_CHANGED, "T-1");
    driver.handleOne(
        JobTypes.CHECK_STATUS,
        complete(Map.of(Variables.STATUS, "COMPLETED", Variables.SILENT_POLLS, 0)));
  }

  ProcessDriver.Reply merge(String result, String files) {
    return complete(Map.of(Variables.MERGE_RESULT, result, Variables.CONFLICT_FILES, files));
  }

  void finish() {
    driver.handleOne(JobTypes.PLAN_TESTS, complete(Map.of(Variables.TEST_TASKS, List.of())));
    driver.handleOne(JobTypes.REPORT, complete(Map.of(Variables.REPORT_PATH, "REPORT.md")));
  }

  @Test
  void inSharedModeADoneTaskFreesItsAgentWithoutAMerge() {
    long run = startOneTask(null);
    completedOnTheBoard();
    assertThat(driver.handleOne(JobTypes.RELEASE_AGENT, complete()).getVariable(Variables.REASON))
        .isEqualTo("done");
    finish();
    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElement(ElementIds.GATEWAY_ISOLATED, 1)
        .hasNotPassedElement(ElementIds.TASK_MERGE_WORK);
  }

  @Test
  void aCleanMergeFreesTheAgent() {
    long run = startOneTask("worktree");
    completedOnTheBoard();
    ActivatedJob merge = driver.handleOne(JobTypes.MERGE_WORK, merge("merged", ""));
    assertThat(merge.getVariable(Variables.MERGE_STEP)).isEqualTo("merge");
    assertThat(merge.getVariable(Variables.AGENT)).isEqualTo("AMP");
    driver.handleOne(JobTypes.RELEASE_AGENT, complete());
    finish();
    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElementsInOrder(ElementIds.TASK_MERGE_WORK, ElementIds.TASK_RELEASE_DONE)
        .hasNotPassedElement(ElementIds.TASK_SEND_RESOLVE);
  }

  @Test
  void aConflictGoesToTheAuthorAndIsMergedOnceResolved() {
    long run = startOneTask("worktree");
    completedOnTheBoard();
    driver.handleOne(JobTypes.MERGE_WORK, merge("conflict", "same.txt"));
    ActivatedJob resolve = driver.handleOne(JobTypes.RESOLVE_CONFLICT, complete());
    assertThat(resolve.getVariable(Variables.CONFLICT_FILES)).isEqualTo("same.txt");
    assertThat(resolve.getVariable(Variables.AGENT)).isEqualTo("AMP");
    completedOnTheBoard(); // the author wrote COMPLETED again: merged again
    driver.handleOne(JobTypes.MERGE_WORK, merge("merged", ""));
    driver.handleOne(JobTypes.RELEASE_AGENT, complete());
    finish();
    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElement(ElementIds.TASK_MERGE_WORK, 2)
        .hasPassedElement(ElementIds.TASK_SEND_RESOLVE, 1)
        .hasNotPassedElement(ElementIds.TASK_GIVE_UP_MERGE);
  }

  @Test
  void aConflictThatOutlivesItsResolvePromptsIsReportedAndTheRunGoesOn() {
    long run = startOneTask("worktree");
    for (int attempt = 0; attempt < 2; attempt++) {
      completedOnTheBoard();
      driver.handleOne(JobTypes.MERGE_WORK, merge("conflict", "same.txt"));
      driver.handleOne(JobTypes.RESOLVE_CONFLICT, complete());
    }
    completedOnTheBoard();
    driver.handleOne(JobTypes.MERGE_WORK, merge("conflict", "same.txt"));
    ActivatedJob giveUp =
        driver.handleOne(JobTypes.MERGE_WORK, complete(Map.of(Variables.MERGE_RESULT, "given-up")));
    assertThat(giveUp.getVariable(Variables.MERGE_STEP)).isEqualTo("give-up");
    driver.handleOne(JobTypes.RELEASE_AGENT, complete());
    finish();
    driver
        .assertRun(run)
        .isCompleted()
        .hasNoIncidents()
        .hasPassedElement(ElementIds.TASK_SEND_RESOLVE, 2)
        .hasPassedElement(ElementIds.TASK_GIVE_UP_MERGE, 1)
        .hasPassedElementsInOrder(ElementIds.TASK_GIVE_UP_MERGE, ElementIds.TASK_RELEASE_DONE);
  }
}
