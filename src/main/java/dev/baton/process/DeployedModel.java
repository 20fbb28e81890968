package dev.baton.process;

/** The deployed process model, as the engine took it ({@link ModelDeployment} waits for it). */
public record DeployedModel(String file, long processDefinitionKey, int version) {}
