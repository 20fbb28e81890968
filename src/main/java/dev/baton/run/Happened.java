package dev.baton.run;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What happened in a run, one record per kind of event, each carrying its facts as fields. Metrics,
 * alerts and the report read these fields; nothing parses a number back out of a sentence. The
 * sentence people read is rendered in one place, {@link EventLine}, and the stable word that names
 * a kind (for filters, the {@code baton.events{kind}} counter and the live page's styles) in {@link
 * #kind()}.
 *
 * <p>Records of a run as a whole leave {@link #taskId()} and {@link #agent()} null. Texts that come
 * from elsewhere (an exception's message, a note an agent wrote, a repair's description) stay text:
 * they are facts told in words, and no one computes with them.
 *
 * <p>In JSON (the API, the live page) each record carries its simple name as {@code type}, so a
 * client can read the facts back as the same record.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(Happened.RunStarted.class),
  @JsonSubTypes.Type(Happened.RunReattached.class),
  @JsonSubTypes.Type(Happened.RunResumed.class),
  @JsonSubTypes.Type(Happened.NotResumed.class),
  @JsonSubTypes.Type(Happened.PhaseChanged.class),
  @JsonSubTypes.Type(Happened.Decomposed.class),
  @JsonSubTypes.Type(Happened.PlanRowIgnored.class),
  @JsonSubTypes.Type(Happened.TestsPlanned.class),
  @JsonSubTypes.Type(Happened.RunCancelled.class),
  @JsonSubTypes.Type(Happened.Stalled.class),
  @JsonSubTypes.Type(Happened.RunFailed.class),
  @JsonSubTypes.Type(Happened.AgentsLost.class),
  @JsonSubTypes.Type(Happened.Incident.class),
  @JsonSubTypes.Type(Happened.BoardRepaired.class),
  @JsonSubTypes.Type(Happened.NeedsYou.class),
  @JsonSubTypes.Type(Happened.WaitingForAgent.class),
  @JsonSubTypes.Type(Happened.PromptSubmitted.class),
  @JsonSubTypes.Type(Happened.SubmitRetried.class),
  @JsonSubTypes.Type(Happened.Reacted.class),
  @JsonSubTypes.Type(Happened.AlreadyPrompted.class),
  @JsonSubTypes.Type(Happened.PromptUnsent.class),
  @JsonSubTypes.Type(Happened.TaskCompleted.class),
  @JsonSubTypes.Type(Happened.TaskBlocked.class),
  @JsonSubTypes.Type(Happened.ScreenEnded.class),
  @JsonSubTypes.Type(Happened.IdleOnTask.class),
  @JsonSubTypes.Type(Happened.Silent.class),
  @JsonSubTypes.Type(Happened.Stuck.class),
  @JsonSubTypes.Type(Happened.Interrupted.class),
  @JsonSubTypes.Type(Happened.Unreachable.class),
  @JsonSubTypes.Type(Happened.AgentGone.class),
  @JsonSubTypes.Type(Happened.Reassigned.class),
  @JsonSubTypes.Type(Happened.GivenUp.class),
  @JsonSubTypes.Type(Happened.DependencyGone.class),
  @JsonSubTypes.Type(Happened.GuardHit.class),
  @JsonSubTypes.Type(Happened.TestVerdict.class),
  @JsonSubTypes.Type(Happened.Escalated.class),
  @JsonSubTypes.Type(Happened.Merged.class),
  @JsonSubTypes.Type(Happened.MergeConflict.class),
  @JsonSubTypes.Type(Happened.MergeGivenUp.class)
})
public sealed interface Happened {

  /** The task concerned, or null for a run-level event. */
  default String taskId() {
    return null;
  }

  /** The agent concerned, or null. */
  default String agent() {
    return null;
  }

  /**
   * The stable word naming this kind of event. Two records share one word only where users knew
   * them as one.
   */
  default String kind() {
    return switch (this) {
      case RunStarted e -> "started";
      case RunReattached e -> "reattached";
      case RunResumed e -> "resumed";
      case NotResumed e -> "not-resumed";
      case PhaseChanged e -> "phase";
      case Decomposed e -> "decomposed";
      case PlanRowIgnored e -> "board-problem";
      case TestsPlanned e -> "tests-planned";
      case RunCancelled e -> "cancelled";
      case Stalled e -> "stalled";
      case RunFailed e -> "run-failed";
      case AgentsLost e -> "agents-lost";
      case Incident e -> "incident";
      case BoardRepaired e -> "board-repaired";
      case NeedsYou e -> "needs-you";
      case WaitingForAgent e -> "waiting";
      case PromptSubmitted e -> "prompted";
      case SubmitRetried e -> "submit-retry";
      case Reacted e -> "reacted";
      case AlreadyPrompted e -> "resumed";
      case PromptUnsent e -> "unsent";
      case TaskCompleted e -> "completed";
      case TaskBlocked e -> "blocked";
      case ScreenEnded e -> "screen";
      case IdleOnTask e -> "idle";
      case Silent e -> "silent";
      case Stuck e -> "stuck";
      case Interrupted e -> "interrupted";
      case Unreachable e -> "unreachable";
      case AgentGone e -> "agent-gone";
      case Reassigned e -> "reassigned";
      case GivenUp e -> "given-up";
      case DependencyGone e -> "dependency-gone";
      case GuardHit e -> "guard";
      case TestVerdict e -> e.passed() ? "test-passed" : "test-failed";
      case Escalated e -> "escalated";
      case Merged e -> "merged";
      case MergeConflict e -> "merge-conflict";
      case MergeGivenUp e -> "merge-given-up";
    };
  }

  // ---- the run as a whole

  /** A process instance was started for a new run. */
  record RunStarted(long processInstanceKey) implements Happened {}

  /** A journaled run found its process instance still active on an external engine. */
  record RunReattached(long processInstanceKey) implements Happened {}

  /** A journaled run got a new process instance, started at {@code elementId}. */
  record RunResumed(String elementId, long processInstanceKey) implements Happened {}

  /** A journaled run could not be resumed at start-up. */
  record NotResumed(String reason) implements Happened {}

  /** The run entered a phase, or ended (a finished phase). */
  record PhaseChanged(Phase phase) implements Happened {}

  /** Where a run's tasks came from. */
  enum TaskSource {
    /** the request named tasks already on the board */
    FOUND_ON_BOARD,
    /** a free-text request: the lead agent is asked for a plan */
    TO_PLAN,
    /** the request listed tasks, written to the board */
    WRITTEN,
    /** the lead agent's plan was read (the event's task is the planning row) */
    PLANNED
  }

  /** The run's task list is known. */
  record Decomposed(String taskId, TaskSource source, List<String> taskIds) implements Happened {
    public Decomposed {
      taskIds = taskIds == null ? List.of() : List.copyOf(taskIds);
    }
  }

  /** A row of the lead's plan could not be used. */
  record PlanRowIgnored(String problem) implements Happened {}

  /** Test tasks were created for the completed features. */
  record TestsPlanned(int count) implements Happened {}

  /** A person cancelled the run. */
  record RunCancelled() implements Happened {}

  /** Nothing moved in the run for its stall limit. */
  record Stalled(String reason) implements Happened {}

  /** The run cannot go on; {@code backToPending} are the open tasks handed back. */
  record RunFailed(String reason, List<String> backToPending) implements Happened {
    public RunFailed {
      backToPending = backToPending == null ? List.of() : List.copyOf(backToPending);
    }
  }

  /** No agent is left to carry the run (or one feature's test). */
  record AgentsLost(String taskId, String reason) implements Happened {}

  /** A job failed for the last time and waits for its incident to be resolved. */
  record Incident(String taskId, String jobType, String error) implements Happened {}

  /** Baton put back on the board what an agent's write had damaged. */
  record BoardRepaired(String taskId, String repair) implements Happened {}

  /** Something only a person can settle. */
  record NeedsYou(String taskId, String agent, String alertKind, String message, String action)
      implements Happened {}

  // ---- one task and its agent

  /** A task waits for a free agent. */
  record WaitingForAgent(String taskId) implements Happened {}

  /** A prompt was typed and the agent started on it. */
  record PromptSubmitted(
      String taskId, String agent, String promptKind, Duration elapsed, int enterPresses)
      implements Happened {}

  /** Enter had to be pressed again before the agent started. */
  record SubmitRetried(String taskId, String agent, int extraPresses) implements Happened {}

  /** An agent's COMPLETED was read, and its next prompt typed {@code latency} later. */
  record Reacted(String taskId, String agent, String completedTask, Duration latency)
      implements Happened {}

  /** A task prompted before a restart, not sent again. */
  record AlreadyPrompted(String taskId, String agent) implements Happened {}

  /** A prompt found still in the agent's input line after a restart: cleared, to be sent again. */
  record PromptUnsent(String taskId, String agent) implements Happened {}

  record TaskCompleted(String taskId, String agent) implements Happened {}

  /**
   * The row says BLOCKED with {@code note}, or (note null) the screen shows a usage limit while the
   * row does not.
   *
   * @param blockKind the note's kind (credits, dependency, technical, …)
   * @param usageLimitShown the agent's screen shows a usage limit
   * @param resetsAt when the limit ends, when the screen says so
   */
  record TaskBlocked(
      String taskId,
      String agent,
      String blockKind,
      String note,
      boolean usageLimitShown,
      Instant resetsAt)
      implements Happened {}

  /** The agent's pane is dead or its CLI exited. */
  record ScreenEnded(String taskId, String agent, String state) implements Happened {}

  /** The agent went idle with its row not final. */
  record IdleOnTask(String taskId, String agent, String status) implements Happened {}

  /** No change on the board or the screen for {@code polls} polls. */
  record Silent(String taskId, String agent, int polls, String screen) implements Happened {}

  /** Busy with no change on the screen or the board for {@code polls} polls. */
  record Stuck(String taskId, String agent, int polls) implements Happened {}

  /**
   * The agent was interrupted and prompted again.
   *
   * @param why why it was interrupted
   * @param screen the screen before the interrupt, blank lines at both ends removed
   */
  record Interrupted(
      String taskId,
      String agent,
      String why,
      boolean escapeSent,
      boolean ctrlCSent,
      List<String> screen)
      implements Happened {
    public Interrupted {
      screen = screen == null ? List.of() : List.copyOf(screen);
    }
  }

  /** Typing into the agent's pane failed. */
  record Unreachable(String taskId, String agent, String reason) implements Happened {}

  /**
   * The agent's pane is gone: it left the pool, or ({@code testOf} set) it is {@code state} while
   * holding a test.
   */
  record AgentGone(String taskId, String agent, String state, String testOf) implements Happened {}

  /**
   * The task was taken from its agent and put back to PENDING.
   *
   * @param cause "unreachable", a block kind, or null for a silent agent
   */
  record Reassigned(String taskId, String agent, String cause) implements Happened {}

  record GivenUp(String taskId, String agent, String why) implements Happened {}

  /** The task waits for {@code missing} (null: unnamed), which is no longer on the board. */
  record DependencyGone(String taskId, String agent, String missing) implements Happened {}

  /** The cost guard refused a prompt. */
  record GuardHit(String taskId, String agent, String reason) implements Happened {}

  /** One test/debug/fix cycle of {@code featureId} ended; the task is the test task. */
  record TestVerdict(String taskId, String agent, String featureId, boolean passed, int cycle)
      implements Happened {}

  /** A feature still fails after its last Ralph cycle; the task is the test task. */
  record Escalated(String taskId, String agent, String featureId, int cycles) implements Happened {}

  // ---- worktree isolation

  /**
   * The task's work is in the integration branch; {@code commit} is the agent's commit, null when
   * it left nothing.
   */
  record Merged(String taskId, String agent, String commit) implements Happened {}

  /** Merging the task's work met a conflict in {@code files}. */
  record MergeConflict(String taskId, String agent, List<String> files) implements Happened {}

  /**
   * The conflict in {@code files} was not resolved in time: the work stays on {@code keptBranch}
   * only.
   */
  record MergeGivenUp(String taskId, String agent, String files, String keptBranch)
      implements Happened {}
}
