package dev.baton.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.process.LoopbackPort;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.process.test.engine.LoopbackEngineFactory;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Element statistics followed from a real embedded engine's log. */
class RecordStreamStatisticsTest {
  private LoopbackEngineFactory.Loopback loopback;
  private CamundaClient client;
  private RecordStreamStatistics statistics;

  @BeforeEach
  void engine() {
    loopback = LoopbackEngineFactory.createWithLog(LoopbackPort.free());
    loopback.engine().start();
    client =
        CamundaClient.newClientBuilder()
            .grpcAddress(URI.create("http://" + loopback.engine().getGatewayAddress()))
            .preferRestOverGrpc(false)
            .defaultRequestTimeout(Duration.ofSeconds(10))
            .build();
    statistics = new RecordStreamStatistics(loopback.log().newLogStreamReader(), Duration.ZERO);
  }

  @AfterEach
  void stop() {
    statistics.close();
    client.close();
    loopback.engine().stop();
  }

  /** start → sub-process(work, three parallel instances) → wait for a job that fails → end. */
  private static BpmnModelInstance model() {
    return Bpmn.createExecutableProcess("p")
        .startEvent("start")
        .sequenceFlowId("toPhase")
        .subProcess("phase")
        .multiInstance(m -> m.parallel().zeebeInputCollectionExpression("=[1,2,3]"))
        .embeddedSubProcess()
        .startEvent("phaseStart")
        .serviceTask("work", t -> t.zeebeJobType("work"))
        .endEvent("phaseEnd")
        .subProcessDone()
        .sequenceFlowId("toFail")
        .serviceTask("fragile", t -> t.zeebeJobType("fragile"))
        .endEvent("end")
        .done();
  }

  @Test
  void countsActiveCompletedIncidentsAndTakenFlowsAsTheInstanceMoves() {
    var deployment =
        client.newDeployResourceCommand().addProcessModel(model(), "p.bpmn").send().join();
    long definition = deployment.getProcesses().getFirst().getProcessDefinitionKey();
    long key =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("p")
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(item(key, "work")).isEqualTo(new ElementStatistic("work", 3, 0, 0, 0)));
    InstanceStatistics running = statistics.of(key).orElseThrow();
    assertThat(running.processDefinitionKey()).isEqualTo(definition);
    assertThat(running.ended()).isFalse();
    assertThat(running.sequenceFlows()).contains("toPhase").doesNotContain("toFail");
    assertThat(statistics.modelXml(definition))
        .hasValueSatisfying(xml -> assertThat(xml).contains("id=\"fragile\""));

    var jobs =
        client
            .newActivateJobsCommand()
            .jobType("work")
            .maxJobsToActivate(3)
            .send()
            .join()
            .getJobs();
    assertThat(jobs).hasSize(3);
    jobs.forEach(j -> client.newCompleteCommand(j.getKey()).send().join());
    long[] fragileJob = {0};
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              var jobsNow =
                  client
                      .newActivateJobsCommand()
                      .jobType("fragile")
                      .maxJobsToActivate(1)
                      .send()
                      .join()
                      .getJobs();
              jobsNow.forEach(j -> fragileJob[0] = j.getKey());
              return fragileJob[0] != 0;
            });
    client.newFailCommand(fragileJob[0]).retries(0).errorMessage("the disk is full").send().join();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(item(key, "fragile"))
                    .isEqualTo(new ElementStatistic("fragile", 0, 0, 1, 0)));
    InstanceStatistics failed = statistics.of(key).orElseThrow();
    assertThat(item(key, "work")).isEqualTo(new ElementStatistic("work", 0, 0, 0, 3));
    assertThat(item(key, "phase"))
        .isEqualTo(new ElementStatistic("phase", 0, 0, 0, 4)); // the body and its 3 instances
    assertThat(failed.sequenceFlows()).contains("toPhase", "toFail");
    assertThat(failed.incidents())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.elementId()).isEqualTo("fragile");
              assertThat(i.errorMessage()).isEqualTo("the disk is full");
            });

    client.newCancelInstanceCommand(key).send().join();
    await().atMost(Duration.ofSeconds(10)).until(() -> statistics.of(key).orElseThrow().ended());
    assertThat(item(key, "fragile")).isEqualTo(new ElementStatistic("fragile", 0, 1, 0, 0));
    assertThat(statistics.of(key).orElseThrow().incidents()).isEmpty();
  }

  @Test
  void readsOnlyWhatTheLogGainedSinceTheLastPass() {
    client.newDeployResourceCommand().addProcessModel(model(), "p.bpmn").send().join();
    long first =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("p")
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> item(first, "work") != null && item(first, "work").active() == 3);
    long read = statistics.eventsRead();
    assertThat(statistics.of(first)).isPresent();
    assertThat(statistics.eventsRead()).isEqualTo(read); // nothing new: nothing read again
    long second =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("p")
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> item(second, "work") != null && item(second, "work").active() == 3);
    long more = statistics.eventsRead() - read;
    assertThat(more)
        .isPositive()
        .isLessThanOrEqualTo(read); // the second instance's records only, not the log again
    assertThat(item(first, "work").active()).isEqualTo(3);
    assertThat(statistics.of(424242L)).isEmpty();
  }

  private ElementStatistic item(long key, String elementId) {
    return statistics
        .of(key)
        .flatMap(s -> s.items().stream().filter(i -> i.elementId().equals(elementId)).findFirst())
        .orElse(null);
  }
}
