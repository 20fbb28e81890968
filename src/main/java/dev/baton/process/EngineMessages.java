package dev.baton.process;

import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Publishes the model's messages. Each is sent with a time to live so that one arriving just before
 * its instance reaches the waiting gateway is buffered and still correlates; a stale one only
 * causes an extra check. Except "agent idle": the model counts those toward interrupting the agent,
 * so one sent while the prompt was still being typed (a slow echo leaves the screen idle for
 * seconds) must not be counted against the turn that follows; the nudge repeats while the agent
 * stays idle, so dropping one loses nothing.
 */
@Component
public class EngineMessages {
  private static final Logger LOG = LoggerFactory.getLogger(EngineMessages.class);
  private static final Duration TTL = Duration.ofSeconds(30);

  private final CamundaClient client;

  public EngineMessages(CamundaClient client) {
    this.client = client;
  }

  /** A task's row changed on the board (COMPLETED, BLOCKED, …): its poll wakes up now. */
  public void taskStatusChanged(String taskId, String status) {
    publish(Messages.TASK_STATUS_CHANGED, taskId, Map.of());
  }

  /**
   * The agent holding a task has been idle on it for a while: its poll wakes up through "Agent went
   * idle".
   */
  public void agentIdle(String taskId) {
    publish(Messages.AGENT_IDLE, taskId, Map.of(), Duration.ZERO);
  }

  /** An agent is held for a waiting task: its reservation runs again now. */
  public void agentAvailable(String taskId, String agent) {
    publish(Messages.AGENT_AVAILABLE, taskId, Map.of());
  }

  /** Something on the board changed while a run waits for its lead agent's plan. */
  public void boardChanged(String runId) {
    publish(Messages.BOARD_CHANGED, runId, Map.of());
  }

  private void publish(String name, String key, Map<String, Object> vars) {
    publish(name, key, vars, TTL);
  }

  private void publish(String name, String key, Map<String, Object> vars, Duration ttl) {
    client
        .newPublishMessageCommand()
        .messageName(name)
        .correlationKey(key)
        .timeToLive(ttl)
        .variables(vars)
        .send()
        .whenComplete(
            (ok, error) -> {
              if (error != null) {
                LOG.warn("message {} for {} not published: {}", name, key, error.getMessage());
              }
            });
  }
}
