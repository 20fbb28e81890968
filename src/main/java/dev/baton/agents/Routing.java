package dev.baton.agents;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Which agents a task may go to, as the decision table {@code bpmn/agent-routing.dmn} says: the
 * pool honours it while the task has waited less than {@code patience}, then gives the task to any
 * free agent, so no task waits for ever on a rule.
 *
 * @param mode how the listed agents count
 * @param agents agent names (CLI kinds already resolved to the agents of that kind)
 * @param patience how long the rule holds for a waiting task
 */
public record Routing(Mode mode, Set<String> agents, Duration patience) {

  /** How the listed agents count. */
  public enum Mode {
    /** Any free agent. */
    ANY,
    /** The listed agents first; others once the wait is over. */
    PREFER,
    /** Only the listed agents until the wait is over. */
    ONLY,
    /** Not the listed agents until the wait is over. */
    NEVER;

    /**
     * @throws IllegalArgumentException naming the accepted words
     */
    public static Mode parse(String word) {
      try {
        return valueOf(word.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalArgumentException(
            "mode '" + word + "' is not one of any, prefer, only, never");
      }
    }
  }

  public static final Routing ANY = new Routing(Mode.ANY, Set.of(), Duration.ZERO);

  public Routing {
    agents = Set.copyOf(agents);
    if (patience.isNegative()) {
      throw new IllegalArgumentException("the wait must not be negative, got " + patience);
    }
    if (mode != Mode.ANY && agents.isEmpty()) {
      mode = Mode.ANY; // a rule naming no agent that exists constrains nothing
    }
  }

  /**
   * The feature's author for its test, the lead for the plan: waited for up to {@code patience}.
   */
  public static Routing prefer(String agent, Duration patience) {
    return agent == null ? ANY : new Routing(Mode.PREFER, Set.of(agent), patience);
  }
}
