package dev.baton.live;

import dev.baton.agents.Agent;
import dev.baton.agents.AgentPool;
import dev.baton.agents.AgentRoster;
import dev.baton.agents.Observation;
import dev.baton.agents.StateProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The agents' screens read for people (the page, the alerts). Several readers in the same moment
 * share one look: a look younger than {@link #FRESH} is reused, so an open page and the alert watch
 * do not double the tmux calls.
 */
@Component
public class AgentLooks {
  static final Duration FRESH = Duration.ofMillis(500);

  private final ObjectProvider<AgentRoster> roster;
  private final ObjectProvider<AgentPool> pool;
  private final ObjectProvider<StateProbe> probe;
  private List<AgentLook> last = List.of();
  private long lastAt;

  public AgentLooks(
      ObjectProvider<AgentRoster> roster,
      ObjectProvider<AgentPool> pool,
      ObjectProvider<StateProbe> probe) {
    this.roster = roster;
    this.pool = pool;
    this.probe = probe;
  }

  /** Whether this process has agents to look at. */
  public boolean available() {
    return roster.getIfAvailable() != null && probe.getIfAvailable() != null;
  }

  public synchronized List<AgentLook> now() {
    long t = System.nanoTime();
    if (lastAt != 0 && t - lastAt < FRESH.toNanos()) {
      return last;
    }
    AgentRoster agents = roster.getIfAvailable();
    StateProbe screens = probe.getIfAvailable();
    if (agents == null || screens == null) {
      return List.of();
    }
    AgentPool slots = pool.getIfAvailable();
    List<AgentPool.Slot> entries = slots == null ? List.of() : slots.slots();
    List<AgentLook> looks = new ArrayList<>();
    for (Agent a : agents.all()) {
      AgentPool.Slot slot =
          entries.stream().filter(s -> s.agent().equals(a.name())).findFirst().orElse(null);
      String state;
      String rule;
      try {
        Observation o = screens.observe(a);
        state = o.state().name();
        rule = o.verdict() == null ? null : o.verdict().summary();
      } catch (RuntimeException e) {
        state = "UNREACHABLE";
        rule = "tmux did not answer: " + e.getMessage();
      }
      looks.add(
          new AgentLook(
              a.name(),
              a.target(),
              a.cli().name().toLowerCase(),
              state,
              rule,
              slot == null ? null : slot.availability().name(),
              slot == null ? null : slot.taskId(),
              slot == null ? null : slot.reason()));
    }
    last = List.copyOf(looks);
    lastAt = System.nanoTime();
    return last;
  }

  /** The last {@code n} non-blank lines of an agent's screen, empty when there is no such agent. */
  public Optional<List<String>> lastLines(String name, int n) {
    AgentRoster agents = roster.getIfAvailable();
    StateProbe screens = probe.getIfAvailable();
    if (agents == null || screens == null) {
      return Optional.empty();
    }
    return agents.byName(name).map(a -> screens.observe(a).lastLines(n));
  }
}
