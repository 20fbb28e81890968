package dev.baton.live;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One element of a process instance, in the shape of Camunda 8.8's {@code GET
 * /v2/process-instances/{key}/statistics/element-instances} items, so the page reads both modes
 * alike.
 *
 * @param elementId BPMN element id
 * @param active element instances running now without an open incident
 * @param canceled element instances terminated (an interrupting boundary event, a cancelled run)
 * @param incidents element instances with an open incident
 * @param completed element instances that completed
 */
@JsonPropertyOrder({"elementId", "active", "canceled", "incidents", "completed"})
public record ElementStatistic(
    String elementId, long active, long canceled, long incidents, long completed) {}
