package dev.baton.process;

import static dev.baton.process.ProcessDriver.complete;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.process.ProcessDriver.PhaseEntered;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The run's phase comes from the model: each phase's sub-process starts a {@code baton.phase}
 * execution listener naming its phase, and no step of the work sets it. A model without those
 * listeners raises no phase at all.
 */
@Tag("end-to-end")
class RunPhaseTest {
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
  void aRunWalksTheFivePhasesInTheModelsOrderEachNamedByItsSubProcess() {
    long run = driver.startRun(ProcessDriver.startVariables("one task"));
    assertThat(driver.phases())
        .containsExactly(new PhaseEntered(run, ElementIds.SUBPROCESS_DECOMPOSE, "DECOMPOSE"));
    driver.handleOne(
        JobTypes.DECOMPOSE,
        complete(Map.of(Variables.TASK_IDS, List.of("T-1"), Variables.NEEDS_PLAN, false)));
    driver.handleOne(
        JobTypes.RESERVE_AGENT,
        complete(Map.of(Variables.AGENT, "agent-A", Variables.RESERVED, true)));
    driver.handleOne(JobTypes.UPDATE_BOARD, complete());
    driver.handleOne(JobTypes.DISPATCH, complete());
    driver.advance(POLL);
    driver.handleOne(JobTypes.CHECK_STATUS, BatonProcessTest.status("COMPLETED", null, 0));
    driver.handleOne(JobTypes.RELEASE_AGENT, complete());
    driver.handleOne(
        JobTypes.PLAN_TESTS,
        complete(
            Map.of(
                Variables.TEST_TASKS,
                List.of(Map.of("testId", "X-1", "featureId", "T-1", "author", "agent-A")))));
    driver.handleOne(
        JobTypes.REQUEST_TEST,
        complete(Map.of(Variables.TEST_SENT, true, Variables.AGENT, "agent-B")));
    driver.publish(Messages.TASK_STATUS_CHANGED, "X-1");
    driver.handleOne(JobTypes.CHECK_TEST, complete(Map.of(Variables.VERDICT, "passed")));
    driver.handleOne(JobTypes.RELEASE_AGENT, complete());
    driver.handleOne(JobTypes.REPORT, complete(Map.of(Variables.REPORT_PATH, "REPORT.md")));

    driver.assertRun(run).isCompleted().hasNoIncidents();
    assertThat(driver.phases())
        .containsExactly(
            new PhaseEntered(run, ElementIds.SUBPROCESS_DECOMPOSE, "DECOMPOSE"),
            new PhaseEntered(run, ElementIds.SUBPROCESS_DISTRIBUTE, "DISTRIBUTE"),
            new PhaseEntered(run, ElementIds.SUBPROCESS_POLL, "POLL"),
            new PhaseEntered(run, ElementIds.SUBPROCESS_TEST, "TEST"),
            new PhaseEntered(run, ElementIds.SUBPROCESS_REPORT, "REPORT"));
  }

  @Test
  void aTaskPutBackIsDistributedAndPolledAgainAndTheListenerSaysSoEachTime() {
    long run = driver.startRun(ProcessDriver.startVariables("one task"));
    driver.handleOne(
        JobTypes.DECOMPOSE,
        complete(Map.of(Variables.TASK_IDS, List.of("T-1"), Variables.NEEDS_PLAN, false)));
    for (String agent : List.of("agent-A", "agent-B")) {
      driver.handleOne(
          JobTypes.RESERVE_AGENT,
          complete(Map.of(Variables.AGENT, agent, Variables.RESERVED, true)));
      driver.handleOne(JobTypes.UPDATE_BOARD, complete());
      driver.handleOne(JobTypes.DISPATCH, complete());
      driver.advance(POLL);
      driver.handleOne(
          JobTypes.CHECK_STATUS,
          agent.equals("agent-A")
              ? BatonProcessTest.status("BLOCKED", "credits", 0)
              : BatonProcessTest.status("COMPLETED", null, 0));
      driver.handleOne(JobTypes.RELEASE_AGENT, complete());
    }
    assertThat(driver.phases())
        .extracting(PhaseEntered::runPhase)
        .containsExactly("DECOMPOSE", "DISTRIBUTE", "POLL", "DISTRIBUTE", "POLL", "TEST");
    driver.assertRun(run).isActive();
  }

  @Test
  void aRunThatCannotGoOnEntersTheReportPhaseAtTheFailureReport() {
    long run = driver.startRun(ProcessDriver.startVariables("one task, no agent"));
    driver.handleOne(
        JobTypes.DECOMPOSE,
        complete(Map.of(Variables.TASK_IDS, List.of("T-1"), Variables.NEEDS_PLAN, false)));
    driver.handleOne(JobTypes.RESERVE_AGENT, complete(Map.of(Variables.RESERVED, false)));
    driver.advance(Duration.ofMinutes(30));
    driver.handleOne(
        JobTypes.CHECK_PROGRESS,
        complete(Map.of(Variables.STALLED, true, Variables.FAILURE_REASON, "the run stalled")));
    driver.handleOne(JobTypes.ABORT_RUN, complete());
    assertThat(driver.phases())
        .extracting(PhaseEntered::elementId)
        .containsExactly(
            ElementIds.SUBPROCESS_DECOMPOSE,
            ElementIds.SUBPROCESS_DISTRIBUTE,
            ElementIds.TASK_WRITE_FAILURE_REPORT);
    driver.handleOne(JobTypes.REPORT, complete(Map.of(Variables.REPORT_PATH, "REPORT.md")));
    driver.assertRun(run).isCompleted().hasNoIncidents();
    assertThat(driver.phases().getLast().runPhase()).isEqualTo("REPORT");
  }
}
