package dev.baton.agents;

import dev.baton.tmux.TmuxNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The configured agents, checked field by field when built. Every error names the agent and the
 * configuration key, and all errors are reported at once.
 */
public final class AgentRoster {

  private static final Pattern AGENT_NAME =
      Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.-]{0,31}");
  private static final Pattern WINDOW = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_+@-]{0,63}");
  private static final Pattern LABEL = Pattern.compile("[\\p{L}\\p{N}_.-]{1,16}");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");

  private final List<Agent> agents;

  public AgentRoster(List<Agent> agents) {
    this.agents = List.copyOf(agents);
  }

  /**
   * Builds the roster from configuration.
   *
   * @throws RosterException listing every problem found
   */
  public static AgentRoster from(
      AgentsProperties props, TmuxProperties tmux, CliPatternCatalog catalog) {
    List<String> errors = new ArrayList<>();
    List<Agent> agents = new ArrayList<>();
    try {
      TmuxNames.requireSession("session", tmux.session());
    } catch (IllegalArgumentException e) {
      errors.add("baton.tmux.session: " + e.getMessage());
    }
    if (tmux.socket() != null) {
      try {
        TmuxNames.requireName("socket", tmux.socket());
      } catch (IllegalArgumentException e) {
        errors.add("baton.tmux.socket: " + e.getMessage());
      }
    }
    if (!LANGUAGE.matcher(props.language()).matches()) {
      errors.add(
          "baton.language: '" + props.language() + "' is not a two-letter language code (fr, en)");
    }
    Map<String, String> names = new HashMap<>();
    Map<String, String> targets = new HashMap<>();
    String lead = null;
    for (int i = 0; i < props.agents().size(); i++) {
      AgentProperties a = props.agents().get(i);
      String where = "baton.agents[" + i + "]" + (a.name() == null ? "" : " (" + a.name() + ")");
      int before = errors.size();
      if (a.name() == null || !AGENT_NAME.matcher(a.name()).matches()) {
        errors.add(
            where
                + ".name: '"
                + a.name()
                + "' must be 1-32 letters, digits, '_', '.', '-' (not first)");
      } else {
        String previous = names.putIfAbsent(a.name().toLowerCase(Locale.ROOT), where);
        if (previous != null) {
          errors.add(where + ".name: '" + a.name() + "' is already used by " + previous);
        }
      }
      String target = target(a, tmux.session(), where, errors);
      if (a.cli() == null) {
        errors.add(
            where + ".cli: missing (claude, codex, amp, gemini, antigravity, simulated or custom)");
      }
      String label = a.label();
      if (label == null && target != null) {
        label = defaultLabel(target);
      }
      if (label != null && !LABEL.matcher(label).matches()) {
        errors.add(where + ".label: '" + label + "' must be 1-16 letters, digits, '_', '.', '-'");
      }
      if (a.language() != null && !LANGUAGE.matcher(a.language()).matches()) {
        errors.add(where + ".language: '" + a.language() + "' is not a two-letter language code");
      }
      if (a.lead()) {
        if (lead != null) {
          errors.add(where + ".lead: only one lead agent is allowed, " + lead + " is lead already");
        }
        lead = where;
      }
      CliPatterns patterns = null;
      if (a.cli() != null) {
        try {
          patterns = catalog.patterns(a.cli()).with(a.patterns());
          if (patterns.isBlind()) {
            errors.add(
                where
                    + ".patterns: CLI kind '"
                    + a.cli().id()
                    + "' has no idle or busy patterns;"
                    + " set baton.clis."
                    + a.cli().id()
                    + ".idle/busy or this agent's patterns");
          }
        } catch (IllegalArgumentException e) {
          errors.add(where + ".patterns: " + e.getMessage());
        }
      }
      if (target != null) {
        String previous = targets.putIfAbsent(target, where);
        if (previous != null) {
          errors.add(
              where
                  + ": target "
                  + target
                  + " is already used by "
                  + previous
                  + " (one agent per pane)");
        }
      }
      if (errors.size() == before) {
        agents.add(new Agent(a.name(), target, a.cli(), a.lead(), label, a.language(), patterns));
      }
    }
    if (!errors.isEmpty()) {
      throw new RosterException("invalid agent configuration", errors);
    }
    return new AgentRoster(agents);
  }

  private static String target(
      AgentProperties a, String session, String where, List<String> errors) {
    if (a.target() != null && a.window() != null) {
      errors.add(where + ": give either window (with optional pane) or target, not both");
      return null;
    }
    if (a.target() != null) {
      if (!TmuxNames.isTarget(a.target())
          || !(a.target().contains(":") || a.target().startsWith("%"))) {
        errors.add(
            where
                + ".target: '"
                + a.target()
                + "' must be session:window[.pane] or %paneId (plain names, no leading '-')");
        return null;
      }
      if (a.pane() != null) {
        errors.add(
            where
                + ".pane: put the pane in the target ('session:window.pane') when target is used");
        return null;
      }
      return a.target();
    }
    if (a.window() == null) {
      errors.add(
          where
              + ".window: missing (window index or name in session '"
              + session
              + "', or a full target)");
      return null;
    }
    if (!WINDOW.matcher(a.window()).matches()) {
      errors.add(
          where
              + ".window: '"
              + a.window()
              + "' must be an index or a plain name (letters, digits, '_', '-', not first)");
      return null;
    }
    if (a.pane() != null && a.pane() < 0) {
      errors.add(where + ".pane: must be >= 0, was " + a.pane());
      return null;
    }
    return session + ":" + a.window() + (a.pane() == null ? "" : "." + a.pane());
  }

  private static String defaultLabel(String target) {
    int colon = target.indexOf(':');
    if (colon < 0) {
      return target.replace("%", "p");
    }
    String window = target.substring(colon + 1);
    int dot = window.indexOf('.');
    if (dot >= 0) {
      window = window.substring(0, dot);
    }
    return window.chars().allMatch(Character::isDigit) ? "w" + window : window;
  }

  public List<Agent> all() {
    return agents;
  }

  public Optional<Agent> byName(String name) {
    return agents.stream().filter(a -> a.name().equalsIgnoreCase(name)).findFirst();
  }

  public Agent require(String name) {
    return byName(name)
        .orElseThrow(() -> new RosterException("no agent named '" + name + "' in baton.agents"));
  }

  public Optional<Agent> lead() {
    return agents.stream().filter(Agent::lead).findFirst();
  }

  /** Agents that take tasks (everyone but the lead, or the lead alone when it is the only one). */
  public List<Agent> workers() {
    List<Agent> workers = agents.stream().filter(a -> !a.lead()).toList();
    return workers.isEmpty() ? agents : workers;
  }
}
