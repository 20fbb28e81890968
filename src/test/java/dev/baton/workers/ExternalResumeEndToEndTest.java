package dev.baton.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.process.LoopbackPort;
import dev.baton.run.JournalEntry;
import dev.baton.run.Phase;
import dev.baton.run.RunJournal;
import dev.baton.run.RunLauncher;
import dev.baton.run.RunParameters;
import dev.baton.run.RunRegistry;
import dev.baton.workers.Team.Member;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.LoopbackEngineFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With an external engine the run's process instance outlives Baton. A Baton started again on the
 * workdir must take that instance back, not start a second one beside it that would prompt every
 * open task again.
 */
@Tag("end-to-end")
class ExternalResumeEndToEndTest {

  private static final String REQUEST = "- One\n- Two\n- Three\n";

  @Test
  void aRestartedBatonReattachesToTheInstanceStillRunningOnTheEngine(@TempDir Path dir)
      throws Exception {
    int port = LoopbackPort.free();
    ZeebeTestEngine engine = LoopbackEngineFactory.create(port);
    engine.start();
    try (Team team =
        new Team(
                dir,
                List.of(Member.lead("Claude", "--work", "4s"), Member.of("AMP", "--work", "4s")))
            .with(
                "--baton.engine=external",
                "--camunda.client.mode=self-managed",
                "--camunda.client.grpc-address=http://127.0.0.1:" + port,
                "--camunda.client.rest-address=http://127.0.0.1:" + port,
                "--camunda.client.prefer-rest-over-grpc=false",
                "--camunda.client.worker.defaults.timeout=PT10S",
                "--camunda.client.request-timeout=PT60S")) {
      team.start();
      var run =
          team.bean(RunLauncher.class)
              .start(REQUEST, new RunParameters(Duration.ofSeconds(2), 2, 3, 3));
      Awaitility.await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> team.events(run.runId(), "prompted").size() >= 2);
      team.stop(); // both agents work; the instance waits in its polls on the engine

      team.start();
      var registry = team.bean(RunRegistry.class);
      assertThat(registry.get(run.runId())).as("the run is carried again").isPresent();
      assertThat(registry.get(run.runId()).orElseThrow().processInstanceKey())
          .as("the same process instance, no second one")
          .isEqualTo(run.processInstanceKey());
      var done = registry.awaitEnd(run.runId(), Duration.ofSeconds(150));

      assertThat(done.phase()).isEqualTo(Phase.DONE);
      assertThat(team.events(run.runId(), "reattached")).hasSize(1);
      assertThat(team.events(run.runId(), "resumed")).isEmpty();
      JournalEntry entry = team.bean(RunJournal.class).get(run.runId()).orElseThrow();
      for (String id : entry.taskIds()) {
        assertThat(team.promptsWithoutCause(id)).as(id).isZero();
      }
      assertThat(team.readBoard().tasks()).as("3 tasks and 3 tests, once").hasSize(6);
    } finally {
      engine.stop();
    }
  }
}
