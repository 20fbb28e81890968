package dev.baton.tasks;

import dev.baton.agents.Agent;
import dev.baton.agents.AgentPool;
import dev.baton.agents.AgentRoster;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * How fast Baton turns an agent's COMPLETED into that agent's next prompt, the figure the method cares about
 * ("a free agent gets the next task at once"). The board watcher notes when it read each agent's completion; the
 * next task prompt typed into that agent's pane closes the pair, and the {@code reacted} event carries the
 * latency to the {@code baton.reaction.latency} timer. A completion read while no task waits for an agent opens no
 * pair: the agent's next prompt then measures how long the queue stayed empty, not how fast Baton reacted.
 */
@Component
public class Reactions {
  private final AgentRoster roster;
  private final AgentPool pool;
  private final Map<String, Seen> lastCompletion = new ConcurrentHashMap<>();

  /** A completion read on the board: whose task, and when Baton read it. */
  public record Seen(String taskId, Instant at) {}

  /** What a prompt answered: the completion it followed and how long after it was read. */
  public record Reaction(String completedTask, Duration latency) {}

  public Reactions(AgentRoster roster, AgentPool pool) {
    this.roster = roster;
    this.pool = pool;
  }

  /** The board showed {@code taskId} COMPLETED on a row assigned to {@code assignedTo} ({@code Name (label)}). */
  public void completed(String assignedTo, String taskId, Instant at) {
    roster.all().stream()
        .filter(a -> a.assignedTo().equals(assignedTo) || a.name().equals(assignedTo))
        .findFirst()
        .map(Agent::name)
        .ifPresent(
            name -> {
              if (pool.waiting().isEmpty()) {
                lastCompletion.remove(name);
              } else {
                lastCompletion.put(name, new Seen(taskId, at));
              }
            });
  }

  /** A task prompt was typed into the agent's pane at {@code at}: the completion it answers, if one is pending. */
  public Optional<Reaction> prompted(String agent, Instant at) {
    return Optional.ofNullable(lastCompletion.remove(agent))
        .map(seen -> new Reaction(seen.taskId(), Duration.between(seen.at(), at)));
  }
}
