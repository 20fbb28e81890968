package dev.baton.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.process.JobTypes;
import dev.baton.run.JournalEntry;
import dev.baton.run.RunJournal;
import dev.baton.workers.Team.Member;
import io.camunda.client.CamundaClient;
import io.camunda.client.jobhandling.JobWorkerManager;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test command runs inside the check-test job for up to {@code baton.test-timeout}. With a job
 * lock shorter than that (here the client's default cut to 2 s, as 5 min is against a 10 min
 * suite), the engine handed the job to another thread mid-run and the suite ran twice. The real
 * worker, on the real engine, with a suite slower than the default lock: it runs once.
 */
@Tag("end-to-end")
class TestCommandJobTest {

  private static final BpmnModelInstance CHECK_ONLY =
      Bpmn.createExecutableProcess("check-only")
          .startEvent()
          .serviceTask("check", t -> t.zeebeJobType(JobTypes.CHECK_TEST).zeebeJobRetries("3"))
          .endEvent()
          .done();

  private static final String BOARD =
      """
      # Project memory

      ## Task Assignment Queue
      | ID | Task | Assigned To | Priority | Status | Created |
      |----|------|-------------|----------|--------|---------|
      | T-001 | Add numbers | Solo (w1) | MED | COMPLETED | 2026-12-03 |
      | T-002 | Test T-001 | Solo (w1) | MED | COMPLETED | 2026-12-03 |

      ## Task Completion Log
      | Date | Agent | Task | Status | Note |
      |------|-------|------|--------|------|
      | 2026-12-03 | Solo | T-002 | COMPLETED | PASSED |
      """;

  @Test
  void aSuiteSlowerThanTheDefaultJobLockRunsOnceAndItsVerdictIsJournaledOnce(@TempDir Path dir)
      throws Exception {
    Team.write(dir.resolve("suite.sh"), "echo run >> runs.txt\nsleep 6\necho '1 passed'\n");
    try (Team team =
        new Team(dir, List.of(Member.lead("Solo", "--work", "1s")))
            .with(
                "--camunda.client.worker.defaults.timeout=PT2S",
                "--baton.test-command=sh suite.sh",
                "--baton.test-timeout=30s")
            .start()) {
      Team.write(team.board, BOARD);
      assertThat(team.bean(JobWorkerManager.class).findJobWorkerConfigByType(JobTypes.CHECK_TEST))
          .hasValueSatisfying(w -> assertThat(w.getTimeout()).isEqualTo(Duration.ofSeconds(90)));
      team.bean(RunJournal.class).begin("run-check", "- Add numbers", Map.of());
      CamundaClient client = team.bean(CamundaClient.class);
      client
          .newDeployResourceCommand()
          .addProcessModel(CHECK_ONLY, "check-only.bpmn")
          .send()
          .join();

      var result =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId("check-only")
              .latestVersion()
              .variables(
                  Map.of(
                      "runId",
                      "run-check",
                      "testId",
                      "T-002",
                      "featureId",
                      "T-001",
                      "ralphCycle",
                      1))
              .withResult()
              .requestTimeout(Duration.ofSeconds(60))
              .send()
              .join();

      assertThat(result.getVariablesAsMap()).containsEntry("verdict", "passed");
      assertThat(Team.lines(dir.resolve("runs.txt"))).as("runs of the test command").hasSize(1);
      assertThat(team.bean(RunJournal.class).get("run-check").orElseThrow().tests())
          .extracting(JournalEntry.TestOutcome::verdict)
          .containsExactly("passed");
    }
  }
}
