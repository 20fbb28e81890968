package dev.baton.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.ProcessInstanceSequenceFlow;
import io.camunda.client.api.statistics.response.ProcessElementStatistics;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The external cluster's answers mapped to the shape the page reads. */
class CamundaRestStatisticsTest {

  /** A response object of the client's API answering the given getters (others null). */
  @SuppressWarnings("unchecked")
  private static <T> T answer(Class<T> type, Map<String, Object> getters) {
    return (T)
        Proxy.newProxyInstance(
            type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> getters.get(m.getName()));
  }

  @Test
  void mapsStatisticsFlowsAndOnlyOpenIncidents() {
    ProcessInstance instance =
        answer(
            ProcessInstance.class,
            Map.of(
                "getProcessInstanceKey",
                7L,
                "getProcessDefinitionKey",
                3L,
                "getState",
                ProcessInstanceState.ACTIVE));
    var stats =
        List.of(
            answer(
                ProcessElementStatistics.class,
                Map.of(
                    "getElementId",
                    "Task_Poll",
                    "getActive",
                    2L,
                    "getCompleted",
                    5L,
                    "getCanceled",
                    1L,
                    "getIncidents",
                    1L)),
            answer(ProcessElementStatistics.class, Map.of("getElementId", "Start")));
    var flows =
        List.of(
            answer(
                ProcessInstanceSequenceFlow.class,
                Map.of("getElementId", "Flow_a", "getSequenceFlowId", "7_Flow_a")),
            answer(ProcessInstanceSequenceFlow.class, Map.of("getSequenceFlowId", "Flow_b")),
            answer(ProcessInstanceSequenceFlow.class, Map.of("getElementId", "Flow_a")));
    var incidents =
        List.of(
            answer(
                Incident.class,
                Map.of(
                    "getElementId",
                    "Task_Poll",
                    "getErrorType",
                    IncidentErrorType.JOB_NO_RETRIES,
                    "getErrorMessage",
                    "tmux did not answer",
                    "getState",
                    IncidentState.ACTIVE)),
            answer(
                Incident.class,
                Map.of(
                    "getElementId",
                    "Task_Old",
                    "getErrorMessage",
                    "fixed",
                    "getState",
                    IncidentState.RESOLVED)));

    InstanceStatistics mapped = CamundaRestStatistics.map(instance, stats, flows, incidents);

    assertThat(mapped.processInstanceKey()).isEqualTo(7L);
    assertThat(mapped.processDefinitionKey()).isEqualTo(3L);
    assertThat(mapped.ended()).isFalse();
    assertThat(mapped.items())
        .containsExactly(
            new ElementStatistic("Task_Poll", 2, 1, 1, 5),
            new ElementStatistic("Start", 0, 0, 0, 0));
    assertThat(mapped.sequenceFlows()).containsExactly("Flow_a", "Flow_b");
    assertThat(mapped.incidents())
        .containsExactly(new IncidentNote("Task_Poll", "JOB_NO_RETRIES", "tmux did not answer"));
  }

  @Test
  void aCompletedOrTerminatedInstanceHasEnded() {
    for (var state : List.of(ProcessInstanceState.COMPLETED, ProcessInstanceState.TERMINATED)) {
      ProcessInstance instance =
          answer(ProcessInstance.class, Map.of("getProcessInstanceKey", 1L, "getState", state));
      assertThat(CamundaRestStatistics.map(instance, List.of(), List.of(), List.of()).ended())
          .isTrue();
    }
  }
}
