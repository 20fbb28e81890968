package dev.baton.process;

import dev.baton.run.RunProperties;
import io.camunda.client.CamundaClient;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Deploys {@code bpmn/baton.bpmn} from disk at start-up. The file is read from disk, not from the jar, because
 * people change it in Camunda Modeler; it is validated first so a broken edit names the file and the element
 * instead of failing somewhere inside the engine.
 */
@Configuration(proxyBeanMethods = false)
public class ProcessDeployment {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessDeployment.class);

  @Bean
  DeployedModel deployedModel(CamundaClient client, RunProperties props) {
    Path file = props.bpmn().toAbsolutePath().normalize();
    ProcessModel.load(file);
    var deployment =
        client.newDeployResourceCommand().addResourceFile(file.toString()).send().join();
    var process = deployment.getProcesses().getFirst();
    LOG.info(
        "Deployed {} as process '{}' version {}",
        file,
        process.getBpmnProcessId(),
        process.getVersion());
    return new DeployedModel(file.toString(), process.getProcessDefinitionKey(), process.getVersion());
  }
}
