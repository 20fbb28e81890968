package dev.baton.live;

import java.util.List;

/**
 * Element statistics of one process instance and the instances it called.
 *
 * @param processInstanceKey the instance
 * @param processDefinitionKey the deployed model it runs (its XML: {@link
 *     ElementStatistics#modelXml})
 * @param ended whether the instance has completed or was terminated
 * @param items per element, Camunda's shape
 * @param sequenceFlows ids of the sequence flows taken at least once, in the order first taken
 * @param incidents the open incidents with their messages
 * @param children instances started by call activities of this one
 */
public record InstanceStatistics(
    long processInstanceKey,
    long processDefinitionKey,
    boolean ended,
    List<ElementStatistic> items,
    List<String> sequenceFlows,
    List<IncidentNote> incidents,
    List<InstanceStatistics> children) {

  public InstanceStatistics {
    items = List.copyOf(items);
    sequenceFlows = List.copyOf(sequenceFlows);
    incidents = List.copyOf(incidents);
    children = List.copyOf(children);
  }
}
