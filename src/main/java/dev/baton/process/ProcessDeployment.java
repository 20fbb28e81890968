package dev.baton.process;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientException;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Deploys {@code bpmn/baton.bpmn} and the decision tables beside it ({@code *.dmn}) from disk at
 * start-up, in one deployment. The file is read from disk, not from the jar, because people change
 * it in Camunda Modeler. The engine parses and validates the model as it deploys it; only when it
 * refuses does Baton validate the model itself, so that a broken edit names the file, element and
 * line instead of the engine's words, while a sound model is checked once per start instead of
 * twice (the second check cost 0.4 s of every start). With an external engine, Baton first takes
 * the engine's lease ({@link EngineLease}), before any job worker opens, and an engine that does
 * not answer is named with its address.
 */
@Configuration(proxyBeanMethods = false)
public class ProcessDeployment {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessDeployment.class);
  private static final java.time.Duration DEPLOY_TIMEOUT = java.time.Duration.ofSeconds(60);

  /**
   * The file and its tables are read and the lease taken before this bean exists; the deployment
   * itself goes on while the rest of the context starts ({@link ModelDeployment}).
   */
  @Bean
  ModelDeployment modelDeployment(CamundaClient client, ModelSource props, LeaseHolder lease) {
    Path file = props.bpmn().toAbsolutePath().normalize();
    ProcessModel.Sources model = ProcessModel.sources(file);
    if (props.engine() == EngineMode.EXTERNAL) {
      lease.take(
          client,
          Clock.systemUTC(),
          externalAddress(client)); // wall time: the lease is shared between machines
    }
    return ModelDeployment.start(() -> deploy(client, props, model));
  }

  private static DeployedModel deploy(
      CamundaClient client, ModelSource props, ProcessModel.Sources model) {
    Path file = model.file();
    try {
      var command = client.newDeployResourceCommand().addResourceFile(file.toString());
      for (Path decision : model.decisions()) {
        command = command.addResourceFile(decision.toString());
      }
      // once per start, while the engine's code is still cold: on a loaded machine it took more
      // than the client's
      // 10 s default, and Baton then refused to start at all
      var deployment = command.requestTimeout(DEPLOY_TIMEOUT).send().join();
      var process = deployment.getProcesses().getFirst();
      LOG.info(
          "Deployed {} as process '{}' version {}",
          file,
          process.getBpmnProcessId(),
          process.getVersion());
      return new DeployedModel(
          file.toString(), process.getProcessDefinitionKey(), process.getVersion());
    } catch (ClientException e) {
      ProcessModel.load(file); // a refused model is explained in Baton's words, with its line
      if (props.engine() != EngineMode.EXTERNAL) {
        throw e;
      }
      throw unreachable("did not take the model", externalAddress(client), e);
    }
  }

  /** Holds the lease for as long as the context lives (released when it closes). */
  @Bean
  LeaseHolder engineLeaseHolder() {
    return new LeaseHolder();
  }

  /**
   * The lease, when one was taken; a bean of its own so that it is released on close even if
   * deployment fails.
   */
  static final class LeaseHolder implements org.springframework.beans.factory.DisposableBean {
    private EngineLease lease;

    synchronized void take(CamundaClient client, Clock clock, String where) {
      if (lease == null) {
        try {
          lease = EngineLease.acquire(client, clock, where);
        } catch (ClientException e) {
          throw unreachable("does not answer", where, e);
        }
      }
    }

    @Override
    public synchronized void destroy() {
      if (lease != null) {
        lease.destroy();
      }
    }
  }

  private static String externalAddress(CamundaClient client) {
    var config = client.getConfiguration();
    return config.preferRestOverGrpc()
        ? config.getRestAddress() + " (REST, camunda.client.rest-address)"
        : config.getGrpcAddress() + " (gRPC, camunda.client.grpc-address)";
  }

  /**
   * The sentence is the whole story (a person reads the deepest message of a chain, which here
   * would be a bare "Connection refused"); the client's exception stays attached for {@code
   * --debug}.
   */
  private static IllegalStateException unreachable(String what, String where, ClientException e) {
    IllegalStateException sentence =
        new IllegalStateException(
            "the external engine at "
                + where
                + " "
                + what
                + ": "
                + firstLine(e)
                + " (start it, e.g. 'docker compose up -d', or point camunda.client.grpc-address at it)");
    sentence.addSuppressed(e);
    return sentence;
  }

  private static String firstLine(Throwable e) {
    Throwable deepest = e;
    while (deepest.getCause() != null && deepest.getCause() != deepest) {
      deepest = deepest.getCause();
    }
    String message =
        deepest.getMessage() != null ? deepest.getMessage() : String.valueOf(e.getMessage());
    return message.lines().findFirst().orElse(message);
  }
}
