package dev.baton.live;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.ProcessInstanceSequenceFlow;
import io.camunda.client.api.statistics.response.ProcessElementStatistics;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Element statistics from an external cluster's REST API (Camunda 8.8: {@code
 * /v2/process-instances/{key}}, {@code …/statistics/element-instances}, {@code …/sequence-flows},
 * incidents of the instance, {@code /v2/process-definitions/{key}/xml}), through the configured
 * client so its authentication applies.
 *
 * <p>Best effort and bounded: each call waits at most {@code timeout}; a cluster without these
 * endpoints (older than 8.8, or a gateway without secondary storage) gives an empty answer, logged
 * once, and the page says so. The search side of a cluster is filled by its exporter, so these
 * numbers trail the engine by its export delay; children of call activities are not followed.
 */
public final class CamundaRestStatistics implements ElementStatistics {
  private static final Logger LOG = LoggerFactory.getLogger(CamundaRestStatistics.class);

  private final CamundaClient client;
  private final Duration timeout;
  private final Map<Long, String> models = new ConcurrentHashMap<>();
  private volatile boolean warned;

  public CamundaRestStatistics(CamundaClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  @Override
  public String source() {
    return "Camunda REST API (" + client.getConfiguration().getRestAddress() + ")";
  }

  @Override
  public Optional<InstanceStatistics> of(long processInstanceKey) {
    try {
      ProcessInstance instance =
          client
              .newProcessInstanceGetRequest(processInstanceKey)
              .requestTimeout(timeout)
              .send()
              .join();
      List<ProcessElementStatistics> elements =
          client
              .newProcessInstanceElementStatisticsRequest(processInstanceKey)
              .requestTimeout(timeout)
              .send()
              .join();
      List<ProcessInstanceSequenceFlow> flows =
          client
              .newProcessInstanceSequenceFlowsRequest(processInstanceKey)
              .requestTimeout(timeout)
              .send()
              .join();
      List<Incident> incidents =
          client
              .newIncidentsByProcessInstanceSearchRequest(processInstanceKey)
              .requestTimeout(timeout)
              .send()
              .join()
              .items();
      return Optional.of(map(instance, elements, flows, incidents));
    } catch (RuntimeException e) {
      if (!warned) {
        warned = true;
        LOG.warn(
            "Element statistics: the cluster's REST API did not answer for instance {} ({}); the page shows no tokens",
            processInstanceKey,
            e.getMessage());
      }
      return Optional.empty();
    }
  }

  @Override
  public Optional<String> modelXml(long processDefinitionKey) {
    String known = models.get(processDefinitionKey);
    if (known != null) {
      return Optional.of(known);
    }
    try {
      String xml =
          client
              .newProcessDefinitionGetXmlRequest(processDefinitionKey)
              .requestTimeout(timeout)
              .send()
              .join();
      models.put(processDefinitionKey, xml);
      return Optional.of(xml);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The cluster's answers in Baton's shape; pure, so it is tested without a cluster. */
  static InstanceStatistics map(
      ProcessInstance instance,
      List<ProcessElementStatistics> elements,
      List<ProcessInstanceSequenceFlow> flows,
      List<Incident> incidents) {
    LinkedHashSet<String> taken = new LinkedHashSet<>();
    for (ProcessInstanceSequenceFlow flow : flows) {
      String id = flow.getElementId() != null ? flow.getElementId() : flow.getSequenceFlowId();
      if (id != null) {
        taken.add(id);
      }
    }
    ProcessInstanceState state = instance.getState();
    return new InstanceStatistics(
        instance.getProcessInstanceKey(),
        instance.getProcessDefinitionKey() == null ? 0 : instance.getProcessDefinitionKey(),
        state != null && state != ProcessInstanceState.ACTIVE,
        elements.stream()
            .map(
                e ->
                    new ElementStatistic(
                        e.getElementId(),
                        n(e.getActive()),
                        n(e.getCanceled()),
                        n(e.getIncidents()),
                        n(e.getCompleted())))
            .toList(),
        List.copyOf(taken),
        incidents.stream()
            .filter(i -> i.getState() == null || i.getState() == IncidentState.ACTIVE)
            .map(
                i ->
                    new IncidentNote(
                        i.getElementId(),
                        i.getErrorType() == null ? null : i.getErrorType().name(),
                        i.getErrorMessage()))
            .toList(),
        List.of());
  }

  private static long n(Long value) {
    return value == null ? 0 : value;
  }
}
