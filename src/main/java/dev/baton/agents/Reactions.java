package dev.baton.agents;

import dev.baton.board.Assignee;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * How fast Baton turns an agent's COMPLETED into that agent's next prompt, the figure the method
 * cares about ("a free agent gets the next task at once"). Whoever reads an agent's completion
 * first (the board watcher or the task's poll) notes when; the next prompt recorded for that agent
 * closes the pair, and the {@code reacted} event carries the latency to the {@code
 * baton.reaction.latency} timer. A completion read while no task waits for an agent opens no pair:
 * the agent's next prompt then measures how long the queue stayed empty, not how fast Baton
 * reacted.
 *
 * <p>A completion can be read more than once and late: the poll may free the agent and its next
 * prompt may be recorded before the watcher's event for the same write is handled. Such a reading
 * belongs to a task the agent no longer holds and is ignored; pairing it with the prompt already
 * under way gave negative latencies.
 */
@Component
public class Reactions {
  private final AgentRoster roster;
  private final AgentPool pool;
  private final Map<String, Seen> lastCompletion = new ConcurrentHashMap<>();
  private final Map<String, String> promptedFor = new ConcurrentHashMap<>();

  /** A completion read on the board: whose task, and when Baton read it. */
  public record Seen(String taskId, Instant at) {}

  /** What a prompt answered: the completion it followed and how long after it was read. */
  public record Reaction(String completedTask, Duration latency) {}

  public Reactions(AgentRoster roster, AgentPool pool) {
    this.roster = roster;
    this.pool = pool;
  }

  /**
   * The board showed {@code taskId} COMPLETED on a row assigned to {@code assignedTo} ({@code Name
   * (label)}).
   */
  public void completed(String assignedTo, String taskId, Instant at) {
    if (assignedTo == null) {
      return;
    }
    roster.all().stream()
        .filter(a -> Assignee.names(assignedTo, a.name()))
        .findFirst()
        .map(Agent::name)
        .ifPresent(name -> noteCompletion(name, taskId, at));
  }

  private void noteCompletion(String agent, String taskId, Instant at) {
    String holding = promptedFor.get(agent);
    if (holding != null && !holding.equals(taskId)) {
      return; // a late reading of a task the agent already left
    }
    Seen before = lastCompletion.get(agent);
    if (before != null && before.taskId().equals(taskId) && !before.at().isAfter(at)) {
      return; // the same completion read again: the first reading counts
    }
    if (pool.waiting().isEmpty()) {
      lastCompletion.remove(agent);
    } else {
      lastCompletion.put(agent, new Seen(taskId, at));
    }
  }

  /**
   * A prompt for {@code taskId} was recorded for the agent at {@code at} (before its first key is
   * typed): the completion it answers, if one is pending.
   */
  public Optional<Reaction> prompted(String agent, String taskId, Instant at) {
    promptedFor.put(agent, taskId);
    Seen seen = lastCompletion.remove(agent);
    if (seen == null || seen.taskId().equals(taskId) || seen.at().isAfter(at)) {
      return Optional.empty();
    }
    return Optional.of(new Reaction(seen.taskId(), Duration.between(seen.at(), at)));
  }
}
