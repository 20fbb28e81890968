package dev.baton.live;

import java.util.Optional;

/** "Where are the tokens of this run": one view for both engine modes. */
public interface ElementStatistics {

  /**
   * The instance's statistics, empty when the engine does not know (or no longer shows) the
   * instance.
   */
  Optional<InstanceStatistics> of(long processInstanceKey);

  /** The BPMN XML of a deployed process, as deployed (not as on disk now), empty when unknown. */
  Optional<String> modelXml(long processDefinitionKey);

  /** Which source answers, for the page ("embedded record stream", "Camunda REST API"). */
  String source();
}
