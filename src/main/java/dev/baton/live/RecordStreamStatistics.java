package dev.baton.live;

import io.camunda.zeebe.logstreams.log.LogStreamReader;
import io.camunda.zeebe.logstreams.log.LoggedEvent;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.value.deployment.ProcessRecord;
import io.camunda.zeebe.protocol.impl.record.value.incident.IncidentRecord;
import io.camunda.zeebe.protocol.impl.record.value.processinstance.ProcessInstanceRecord;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Element statistics from the embedded engine's log, followed with a position cursor of its own:
 * each pass reads only what was appended since the last one, decodes only the record kinds it
 * counts (process instance, incident, process) and keeps counters, never the records. A background
 * pass runs every {@code interval}; a query first catches up, so an answer is never older than the
 * query.
 */
public final class RecordStreamStatistics implements ElementStatistics, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RecordStreamStatistics.class);

  private final LogStreamReader reader;
  private final RecordMetadata metadata = new RecordMetadata();
  private final ProcessInstanceRecord instanceValue = new ProcessInstanceRecord();
  private final IncidentRecord incidentValue = new IncidentRecord();
  private final ProcessRecord processValue = new ProcessRecord();
  private final Map<Long, Instance> instances = new HashMap<>();
  private final Map<Long, String> models = new HashMap<>();
  private final ScheduledExecutorService follower;
  private long position = -1;
  private long eventsRead;

  /** One instance's counters. */
  private static final class Instance {
    final long key;
    long definitionKey;
    boolean ended;
    final Map<String, long[]> counts =
        new LinkedHashMap<>(); // elementId → active, completed, canceled
    final Map<Long, String> active = new HashMap<>(); // element instance key → element id
    final LinkedHashSet<String> flows = new LinkedHashSet<>();
    final Map<Long, IncidentNote> incidents = new LinkedHashMap<>();
    final List<Long> children = new ArrayList<>();

    Instance(long key) {
      this.key = key;
    }
  }

  /**
   * @param reader a reader of the engine's log of its own (closed with this)
   * @param interval how often the background pass catches up; zero for no background pass (queries
   *     still catch up)
   */
  public RecordStreamStatistics(LogStreamReader reader, Duration interval) {
    this.reader = reader;
    if (interval.isZero()) {
      follower = null;
    } else {
      follower =
          Executors.newSingleThreadScheduledExecutor(
              r -> Thread.ofPlatform().name("baton-element-statistics").daemon().unstarted(r));
      follower.scheduleWithFixedDelay(
          this::followQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public String source() {
    return "embedded engine's record stream";
  }

  @Override
  public synchronized Optional<InstanceStatistics> of(long processInstanceKey) {
    follow();
    Instance instance = instances.get(processInstanceKey);
    return instance == null ? Optional.empty() : Optional.of(snapshot(instance));
  }

  @Override
  public synchronized Optional<String> modelXml(long processDefinitionKey) {
    follow();
    return Optional.ofNullable(models.get(processDefinitionKey));
  }

  /** Records read so far (for the benchmark and tests). */
  public synchronized long eventsRead() {
    return eventsRead;
  }

  private void followQuietly() {
    try {
      synchronized (this) {
        follow();
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "Element statistics: the engine's log could not be read ({}); next pass in a moment",
          e.toString());
    }
  }

  /** Reads what the log gained since the last pass. Caller holds the lock. */
  private void follow() {
    if (position < 0) {
      reader.seekToFirstEvent();
    } else {
      reader.seekToNextEvent(position);
    }
    while (reader.hasNext()) {
      LoggedEvent event = reader.next();
      position = event.getPosition();
      event.readMetadata(metadata);
      if (metadata.getRecordType() != RecordType.EVENT) {
        continue;
      }
      ValueType type = metadata.getValueType();
      if (type == ValueType.PROCESS_INSTANCE) {
        eventsRead++;
        event.readValue(instanceValue);
        onInstance(event.getKey(), (ProcessInstanceIntent) metadata.getIntent(), instanceValue);
      } else if (type == ValueType.INCIDENT) {
        eventsRead++;
        event.readValue(incidentValue);
        onIncident(event.getKey(), (IncidentIntent) metadata.getIntent(), incidentValue);
      } else if (type == ValueType.PROCESS && metadata.getIntent() == ProcessIntent.CREATED) {
        eventsRead++;
        event.readValue(processValue);
        models.put(
            processValue.getProcessDefinitionKey(),
            new String(processValue.getResource(), StandardCharsets.UTF_8));
      }
    }
  }

  private void onInstance(
      long elementInstanceKey, ProcessInstanceIntent intent, ProcessInstanceRecord value) {
    Instance instance = instances.computeIfAbsent(value.getProcessInstanceKey(), Instance::new);
    instance.definitionKey = value.getProcessDefinitionKey();
    String elementId = value.getElementId();
    if (value.getBpmnElementType() == BpmnElementType.PROCESS) {
      if (intent == ProcessInstanceIntent.ELEMENT_ACTIVATING
          && value.getParentProcessInstanceKey() > 0) {
        instances
            .computeIfAbsent(value.getParentProcessInstanceKey(), Instance::new)
            .children
            .add(instance.key);
      }
      if (intent == ProcessInstanceIntent.ELEMENT_COMPLETED
          || intent == ProcessInstanceIntent.ELEMENT_TERMINATED) {
        instance.ended = true;
      }
      return;
    }
    switch (intent) {
      case SEQUENCE_FLOW_TAKEN -> instance.flows.add(elementId);
      case ELEMENT_ACTIVATING -> {
        instance.active.put(elementInstanceKey, elementId);
        instance.counts.computeIfAbsent(elementId, id -> new long[3])[0]++;
      }
      case ELEMENT_COMPLETED -> end(instance, elementInstanceKey, elementId, 1);
      case ELEMENT_TERMINATED -> end(instance, elementInstanceKey, elementId, 2);
      default -> {}
    }
  }

  private static void end(
      Instance instance, long elementInstanceKey, String elementId, int counter) {
    long[] c = instance.counts.computeIfAbsent(elementId, id -> new long[3]);
    if (instance.active.remove(elementInstanceKey) != null) {
      c[0]--;
    }
    c[counter]++;
  }

  private void onIncident(long incidentKey, IncidentIntent intent, IncidentRecord value) {
    Instance instance = instances.computeIfAbsent(value.getProcessInstanceKey(), Instance::new);
    if (intent == IncidentIntent.CREATED) {
      instance.incidents.put(
          incidentKey,
          new IncidentNote(
              value.getElementId(), value.getErrorType().name(), value.getErrorMessage()));
    } else if (intent == IncidentIntent.RESOLVED) {
      instance.incidents.remove(incidentKey);
    }
  }

  private InstanceStatistics snapshot(Instance instance) {
    Map<String, Long> open = new HashMap<>();
    for (IncidentNote note : instance.incidents.values()) {
      open.merge(note.elementId(), 1L, Long::sum);
    }
    List<ElementStatistic> items = new ArrayList<>();
    instance.counts.forEach(
        (id, c) -> {
          long incidents = open.getOrDefault(id, 0L);
          items.add(new ElementStatistic(id, Math.max(0, c[0] - incidents), c[2], incidents, c[1]));
        });
    open.forEach(
        (id, n) -> {
          if (!instance.counts.containsKey(id)) {
            items.add(new ElementStatistic(id, 0, 0, n, 0));
          }
        });
    List<InstanceStatistics> children = new ArrayList<>();
    for (long child : instance.children) {
      Instance c = instances.get(child);
      if (c != null) {
        children.add(snapshot(c));
      }
    }
    return new InstanceStatistics(
        instance.key,
        instance.definitionKey,
        instance.ended,
        items,
        List.copyOf(instance.flows),
        List.copyOf(instance.incidents.values()),
        children);
  }

  @Override
  public void close() {
    if (follower != null) {
      follower.shutdownNow();
    }
    synchronized (this) {
      reader.close();
    }
  }
}
