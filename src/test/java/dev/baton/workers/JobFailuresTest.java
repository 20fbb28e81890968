package dev.baton.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.process.JobTypes;
import dev.baton.run.RunEvent;
import dev.baton.workers.Team.Member;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker that fails for a moment must not stop its task for good: the real reserve-agent worker,
 * on the real engine, meets a board whose row is missing (as after an agent saved a copy it read
 * while another agent was writing), and succeeds once the row is back, because its retries wait
 * instead of being spent in a few milliseconds.
 */
@Tag("end-to-end")
class JobFailuresTest {

  private static final BpmnModelInstance RESERVE_ONLY =
      Bpmn.createExecutableProcess("reserve-only")
          .startEvent()
          .serviceTask("reserve", t -> t.zeebeJobType(JobTypes.RESERVE_AGENT).zeebeJobRetries("3"))
          .endEvent()
          .done();

  /**
   * One agent, Baton with the given back-off, and a model whose only step is the real reserve-agent
   * worker.
   */
  private static Team teamWithReserveOnly(Path dir, String backoff) {
    Team team =
        new Team(dir, List.of(Member.lead("Solo", "--work", "1s")))
            .with("--baton.job-retry-backoff=" + backoff)
            .start();
    team.bean(CamundaClient.class)
        .newDeployResourceCommand()
        .addProcessModel(RESERVE_ONLY, "reserve-only.bpmn")
        .send()
        .join();
    return team;
  }

  @Test
  void aRowMissingForAMomentIsFoundByALaterRetry(@TempDir Path dir) throws Exception {
    try (Team team = teamWithReserveOnly(dir, "700ms")) {
      CamundaClient client = team.bean(CamundaClient.class);

      CompletableFuture<ProcessInstanceResult> result =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId("reserve-only")
              .latestVersion()
              .variables(Map.of("runId", "run-flaky", "taskId", "T-900"))
              .withResult()
              .requestTimeout(Duration.ofSeconds(30))
              .send()
              .toCompletableFuture();
      Thread.sleep(300);
      assertThat(result).isNotDone();
      String board = Files.readString(team.board);
      Files.writeString(
          team.board,
          board.replace(
              "|----|------|-------------|----------|--------|---------|\n",
              "|----|------|-------------|----------|--------|---------|\n"
                  + "| T-900 | back again | | MED | PENDING | 2026-11-26 |\n"));

      Map<String, Object> out = result.get().getVariablesAsMap();
      assertThat(out).containsEntry("reserved", true).containsEntry("agent", "Solo");
      assertThat(team.events("run-flaky", "incident")).isEmpty();
    }
  }

  @Test
  void aFailureThatLastsBecomesAnIncidentEventNamingTheJobAndTheTask(@TempDir Path dir)
      throws Exception {
    try (Team team = teamWithReserveOnly(dir, "200ms")) {
      team.bean(CamundaClient.class)
          .newCreateInstanceCommand()
          .bpmnProcessId("reserve-only")
          .latestVersion()
          .variables(Map.of("runId", "run-stuck", "taskId", "T-901"))
          .send()
          .join();

      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> !team.events("run-stuck", "incident").isEmpty());
      RunEvent incident = team.events("run-stuck", "incident").getFirst();
      assertThat(incident.taskId()).isEqualTo("T-901");
      assertThat(incident.message())
          .contains(JobTypes.RESERVE_AGENT, "T-901 is not in the board's queue");
    }
  }
}
