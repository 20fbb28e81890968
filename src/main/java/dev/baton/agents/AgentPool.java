package dev.baton.agents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Who may get work now. The engine runs one token per task; they all ask this pool for an agent,
 * and the ones that find none queue here until an agent frees up.
 *
 * <p>An agent is only free when its row says COMPLETED/BLOCKED <em>and</em> its screen is back to
 * idle: agents write the board before their turn ends, and a prompt typed then is queued, left in
 * the input box or ignored. So a released agent passes through {@link Availability#SETTLING} until
 * {@link #settle()} sees its pane idle.
 *
 * <p>When an agent becomes free, the best waiting task (priority, then age, dependencies met) is
 * <em>held</em> for it and woken through the {@code wake} callback (which publishes the model's
 * {@code agent-available} message); that task's next reservation gets the held agent, so no other
 * token can take it in between.
 *
 * <p>The pool's monitor guards only its own maps. The callbacks reach out to tmux, the board file
 * and the engine, and those answer on threads that may themselves be waiting for the pool, so none
 * of them is ever called while the monitor is held: screens and dependencies are read before taking
 * it, wake-ups are sent after leaving it.
 */
public final class AgentPool {

  /** Where an agent stands for the pool. */
  public enum Availability {
    FREE,
    HELD,
    BUSY,
    SETTLING,
    COOLDOWN,
    GONE
  }

  /** One agent's entry, as shown to people (REST, progress). */
  public record Slot(
      String agent, Availability availability, String taskId, Instant until, String reason) {}

  /**
   * A task waiting for an agent.
   *
   * @param routing which agents it may go to (the routing table's answer)
   */
  public record Waiting(String taskId, int priorityRank, long order, Routing routing) {
    public Waiting {
      routing = routing == null ? Routing.ANY : routing;
    }

    /**
     * A task that prefers one agent (the plan's lead, a test's author) for {@link
     * #PREFERENCE_WAIT}.
     */
    public static Waiting preferring(String taskId, int priorityRank, long order, String agent) {
      return new Waiting(taskId, priorityRank, order, Routing.prefer(agent, PREFERENCE_WAIT));
    }
  }

  private final Clock clock;
  private final Predicate<String> idle;
  private final BiConsumer<String, String> wake;
  private final Function<Collection<String>, Set<String>> dependenciesMet;
  private final Duration settleLimit;
  private final Map<String, Slot> slots = new LinkedHashMap<>();
  private final Map<String, Waiting> waiting = new LinkedHashMap<>();
  private final Map<String, Set<String>> excluded = new HashMap<>();
  private final Map<String, Instant> settlingSince = new HashMap<>();
  private final Map<String, Instant> lastAssigned = new HashMap<>();
  private final Map<String, Instant> waitingSince = new HashMap<>();

  /**
   * @param agents names of the agents, lead first or not: order is only a tie-break
   * @param idle whether an agent's screen is idle now (reads its pane)
   * @param wake called with (taskId, agent) when a waiting task got an agent held for it
   * @param dependenciesMet those of the given tasks whose "after T-xxx" tasks are all COMPLETED
   *     (reads the board once for all of them: a long queue would otherwise cost one board read per
   *     waiting task)
   * @param settleLimit how long a released agent may stay busy-looking before it is freed anyway
   */
  public AgentPool(
      Collection<String> agents,
      Clock clock,
      Predicate<String> idle,
      BiConsumer<String, String> wake,
      Function<Collection<String>, Set<String>> dependenciesMet,
      Duration settleLimit) {
    this.clock = clock;
    this.idle = idle;
    this.wake = wake;
    this.dependenciesMet = dependenciesMet;
    this.settleLimit = settleLimit;
    for (String agent : agents) {
      slots.put(agent, new Slot(agent, Availability.FREE, null, null, null));
    }
  }

  /**
   * Gives the task an agent, or queues it. Idempotent: a task that already holds or works with an
   * agent gets the same one back (a job may be delivered twice).
   *
   * @param preferred agent to use if free (the author of a feature for its test), or null
   */
  public Optional<String> reserve(Waiting task) {
    Set<String> ready = anyFree() ? readyAmong(candidates(task.taskId())) : Set.of();
    List<Runnable> wakes = new ArrayList<>();
    Optional<String> mine;
    synchronized (this) {
      Optional<String> already = agentOf(task.taskId());
      if (already.isPresent()) {
        slots.put(
            already.get(), new Slot(already.get(), Availability.BUSY, task.taskId(), null, null));
        waiting.remove(task.taskId());
        waitingSince.remove(task.taskId());
        return already;
      }
      refreshCooldowns();
      waiting.putIfAbsent(task.taskId(), task);
      waitingSince.putIfAbsent(task.taskId(), clock.instant());
      handOut(task.taskId(), ready, wakes);
      mine = agentOf(task.taskId());
      mine.ifPresent(
          agent -> {
            slots.put(agent, new Slot(agent, Availability.BUSY, task.taskId(), null, null));
            lastAssigned.put(agent, clock.instant());
            waiting.remove(task.taskId());
            waitingSince.remove(task.taskId());
          });
    }
    wakes.forEach(Runnable::run);
    return mine;
  }

  /**
   * A restarted Baton found this task IN_PROGRESS with a prompt already sent to this agent: the
   * agent keeps it, so the resumed run neither prompts it twice nor gives it to someone else.
   */
  public synchronized void adopt(String taskId, String agent) {
    if (slots.containsKey(agent) && slots.get(agent).availability() == Availability.FREE) {
      slots.put(agent, new Slot(agent, Availability.BUSY, taskId, null, null));
      lastAssigned.put(agent, clock.instant());
    }
  }

  /** The task is done with its agent: the agent settles, then serves the next waiting task. */
  public void release(String taskId, String agent) {
    synchronized (this) {
      Slot slot = slots.get(agent);
      if (slot == null || !taskId.equals(slot.taskId())) {
        return;
      }
      slots.put(agent, new Slot(agent, Availability.SETTLING, null, null, null));
      settlingSince.put(agent, clock.instant());
    }
    settle();
  }

  /** The task goes back to the queue and must not return to this agent. */
  public void reassign(String taskId, String agent) {
    synchronized (this) {
      excluded.computeIfAbsent(taskId, t -> new HashSet<>()).add(agent);
    }
    release(taskId, agent);
  }

  /**
   * The agent hit a usage limit (or cannot be reached): no work for it until the cooldown ends. A
   * cooldown never shortens one already running: a rest until the reset time read on screen
   * outlasts the fixed one a later step asks for. The task it held is not barred from it: while it
   * rests, any free agent takes the task; after it, a task still waiting may come back to it (in a
   * team of one, nobody else ever could).
   */
  public synchronized void coolDown(String agent, Duration cooldown, String reason) {
    coolDownUntil(agent, clock.instant().plus(cooldown), reason);
  }

  private void coolDownUntil(String agent, Instant until, String reason) {
    Slot slot = slots.get(agent);
    if (slot == null || slot.availability() == Availability.GONE) {
      return;
    }
    if (slot.availability() == Availability.COOLDOWN
        && slot.until() != null
        && slot.until().isAfter(until)) {
      return;
    }
    slots.put(agent, new Slot(agent, Availability.COOLDOWN, null, until, reason));
    settlingSince.remove(agent);
  }

  /**
   * Cools an agent down until the time its usage limit resets, when the screen gave one (and it is
   * in the future); otherwise for {@code cooldown}.
   */
  public synchronized void coolDown(
      String agent, Duration cooldown, Instant resetsAt, String reason) {
    Instant now = clock.instant();
    if (resetsAt != null && resetsAt.isAfter(now)) {
      coolDownUntil(agent, resetsAt, reason + ", resets " + resetsAt);
    } else {
      coolDown(agent, cooldown, reason);
    }
  }

  /** The agent's pane died or its CLI exited: it leaves the pool for this Baton's lifetime. */
  public synchronized void remove(String agent, String reason) {
    if (slots.containsKey(agent)) {
      slots.put(agent, new Slot(agent, Availability.GONE, null, null, reason));
      settlingSince.remove(agent);
    }
  }

  /** Forgets a waiting task (it was cancelled or given up). */
  public synchronized void forget(String taskId) {
    waiting.remove(taskId);
    waitingSince.remove(taskId);
    slots.replaceAll(
        (name, s) ->
            taskId.equals(s.taskId()) && s.availability() == Availability.HELD
                ? new Slot(name, Availability.FREE, null, null, null)
                : s);
  }

  /**
   * Frees settled agents whose screen went idle (or that passed the settle limit), ends elapsed
   * cooldowns, and hands free agents to waiting tasks. Called after every release and periodically
   * by the owner.
   */
  public void settle() {
    List<String> settling;
    List<String> queued;
    synchronized (this) {
      settling =
          slots.values().stream()
              .filter(s -> s.availability() == Availability.SETTLING)
              .map(Slot::agent)
              .toList();
      queued = anyFree() || !settling.isEmpty() ? List.copyOf(waiting.keySet()) : List.of();
      if (settling.isEmpty() && queued.isEmpty()) {
        // nobody to free and nobody to serve: called every tick, so it must not read the board or
        // the panes
        return;
      }
    }
    Set<String> idleNow = new HashSet<>();
    for (String agent : settling) {
      if (idle.test(agent)) {
        idleNow.add(agent);
      }
    }
    Set<String> ready = readyAmong(queued);
    List<Runnable> wakes = new ArrayList<>();
    synchronized (this) {
      Instant now = clock.instant();
      for (Slot slot : List.copyOf(slots.values())) {
        if (slot.availability() == Availability.SETTLING) {
          Instant since = settlingSince.getOrDefault(slot.agent(), now);
          if (idleNow.contains(slot.agent())
              || Duration.between(since, now).compareTo(settleLimit) >= 0) {
            slots.put(slot.agent(), new Slot(slot.agent(), Availability.FREE, null, null, null));
            settlingSince.remove(slot.agent());
          }
        }
      }
      refreshCooldowns();
      handOut(null, ready, wakes);
    }
    wakes.forEach(Runnable::run);
  }

  /** Whether some agent may still take work now or later (not all gone). */
  public synchronized boolean anyAgentLeft() {
    return slots.values().stream().anyMatch(s -> s.availability() != Availability.GONE);
  }

  /**
   * Whether some agent may still take this task now or later: one that is not gone and was not
   * taken off it (a reassignment); a resting agent counts, since it comes back.
   */
  public synchronized boolean anyAgentLeftFor(String taskId) {
    Set<String> notFor = notForTask(taskId);
    return slots.values().stream()
        .anyMatch(s -> s.availability() != Availability.GONE && !notFor.contains(s.agent()));
  }

  public synchronized List<Slot> slots() {
    return List.copyOf(slots.values());
  }

  public synchronized List<Waiting> waiting() {
    return List.copyOf(waiting.values());
  }

  public synchronized Optional<String> agentOf(String taskId) {
    return slots.values().stream()
        .filter(s -> taskId.equals(s.taskId()))
        .filter(s -> s.availability() == Availability.BUSY || s.availability() == Availability.HELD)
        .map(Slot::agent)
        .findFirst();
  }

  /**
   * Holds free agents for waiting tasks, best first. The wake-up of each, except {@code self} which
   * is asking now, is added to {@code wakes} for the caller to send once it has left the monitor.
   *
   * @param ready the waiting tasks whose dependencies were met when read, just before taking the
   *     monitor
   */
  private void handOut(String self, Set<String> ready, List<Runnable> wakes) {
    List<Waiting> queue = new ArrayList<>(waiting.values());
    queue.sort(BY_PRIORITY_THEN_AGE);
    for (Waiting task : queue) {
      if (!ready.contains(task.taskId())) {
        continue;
      }
      Optional<String> free = pickFree(task);
      if (free.isEmpty()) {
        continue;
      }
      String agent = free.get();
      slots.put(agent, new Slot(agent, Availability.HELD, task.taskId(), null, null));
      waiting.remove(task.taskId());
      waitingSince.remove(task.taskId());
      if (!task.taskId().equals(self)) {
        wakes.add(() -> wake.accept(task.taskId(), agent));
      }
    }
  }

  /** The waiting tasks, plus one about to ask. */
  private synchronized List<String> candidates(String asking) {
    List<String> ids = new ArrayList<>(waiting.keySet());
    if (!ids.contains(asking)) {
      ids.add(asking);
    }
    return ids;
  }

  /**
   * Those of {@code taskIds} whose dependencies are met; reads the board, so never called under the
   * monitor.
   */
  private Set<String> readyAmong(List<String> taskIds) {
    return taskIds.isEmpty() ? Set.of() : Set.copyOf(dependenciesMet.apply(taskIds));
  }

  /**
   * Whether an agent is free to be handed out now. A task asking while every agent works only joins
   * the queue, so it need not read the board; the release that frees an agent settles the queue
   * with a fresh read.
   */
  private synchronized boolean anyFree() {
    refreshCooldowns();
    return slots.values().stream().anyMatch(s -> s.availability() == Availability.FREE);
  }

  private Optional<String> pickFree(Waiting task) {
    Set<String> notFor = excluded.getOrDefault(task.taskId(), Set.of());
    List<String> free =
        slots.values().stream()
            .filter(s -> s.availability() == Availability.FREE)
            .map(Slot::agent)
            .filter(a -> !notFor.contains(a))
            .toList();
    if (free.isEmpty()) {
      return Optional.empty();
    }
    Routing r = task.routing();
    boolean ruleHolds =
        r.mode() != Routing.Mode.ANY && waited(task.taskId()).compareTo(r.patience()) < 0;
    List<String> listed = free.stream().filter(r.agents()::contains).toList();
    List<String> others = free.stream().filter(a -> !r.agents().contains(a)).toList();
    List<String> allowed =
        switch (r.mode()) {
          case ANY -> free;
          case PREFER ->
              !listed.isEmpty()
                  ? listed
                  : ruleHolds && r.agents().stream().anyMatch(a -> stillComing(a, task.taskId()))
                      ? List.of()
                      : free;
          case ONLY ->
              !listed.isEmpty()
                  ? listed
                  : ruleHolds && r.agents().stream().anyMatch(a -> present(a, task.taskId()))
                      ? List.of()
                      : free;
          case NEVER -> !others.isEmpty() || ruleHolds ? others : free;
        };
    return allowed.stream()
        .min(Comparator.comparing((String a) -> lastAssigned.getOrDefault(a, Instant.MIN)));
  }

  private Duration waited(String taskId) {
    return Duration.between(waitingSince.getOrDefault(taskId, clock.instant()), clock.instant());
  }

  /**
   * Whether a listed agent can still take the task some day: it is in the pool and not excluded
   * from the task.
   */
  private boolean present(String agent, String taskId) {
    Slot slot = slots.get(agent);
    return slot != null
        && slot.availability() != Availability.GONE
        && !notForTask(taskId).contains(agent);
  }

  /**
   * Whether a task should keep waiting for a preferred agent (a feature's author for its test): yes
   * while that agent is only busy or settling (not resting, not gone).
   */
  private boolean stillComing(String preferred, String taskId) {
    Slot slot = slots.get(preferred);
    return slot != null
        && slot.availability() != Availability.GONE
        && slot.availability() != Availability.COOLDOWN
        && !notForTask(taskId).contains(preferred);
  }

  private Set<String> notForTask(String taskId) {
    return excluded.getOrDefault(taskId, Set.of());
  }

  private void refreshCooldowns() {
    Instant now = clock.instant();
    slots.replaceAll(
        (name, s) ->
            s.availability() == Availability.COOLDOWN && !now.isBefore(s.until())
                ? new Slot(name, Availability.FREE, null, null, null)
                : s);
  }

  /** How long a task waits for its preferred agent before any free agent may take it. */
  static final Duration PREFERENCE_WAIT = Duration.ofSeconds(30);

  private static final Comparator<Waiting> BY_PRIORITY_THEN_AGE =
      Comparator.comparingInt(Waiting::priorityRank).thenComparingLong(Waiting::order);
}
