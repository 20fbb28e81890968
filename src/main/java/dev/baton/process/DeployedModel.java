package dev.baton.process;

/**
 * Proof that the process model is deployed: beans that start instances depend on it, so no instance
 * is created before the deployment finished.
 */
public record DeployedModel(String file, long processDefinitionKey, int version) {}
