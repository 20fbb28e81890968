/**
 * The engine: its seam (embedded or external), deployment of {@code bpmn/} ({@link
 * dev.baton.process.ModelSource} says what and where), the model's names (job types, messages,
 * errors, element ids, variables) and the messages Baton publishes, the idle nudge among them.
 * Below {@code run}, which starts instances; above the parts it reads ({@code agents}).
 */
package dev.baton.process;
