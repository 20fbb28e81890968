package dev.baton.process;

import java.nio.file.Path;

/**
 * Where the model is read from and which engine takes it: the two settings deployment needs, handed
 * down by the run's configuration so that the engine package does not read the run's settings
 * itself.
 *
 * @param bpmn the process model file ({@code baton.bpmn}); the decision tables beside it are
 *     deployed with it
 * @param engine embedded or external ({@code baton.engine})
 */
public record ModelSource(Path bpmn, EngineMode engine) {}
