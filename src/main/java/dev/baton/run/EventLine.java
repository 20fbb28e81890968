package dev.baton.run;

import dev.baton.run.Happened.*;
import java.util.List;

/**
 * The one place an event becomes the sentence people read: the terminal's progress lines, the log,
 * the live page, the API's {@code message} and the report's problems all show this text. The switch
 * is exhaustive, so a new kind of event cannot be published without its sentence.
 */
public final class EventLine {
  private EventLine() {}

  public static String of(Happened event) {
    return switch (event) {
      case RunStarted e -> "run started, process instance " + e.processInstanceKey();
      case RunReattached e ->
          "run re-attached to its process instance "
              + e.processInstanceKey()
              + ", still active on the engine";
      case RunResumed e ->
          "run resumed at " + e.elementId() + ", process instance " + e.processInstanceKey();
      case NotResumed e -> e.reason();
      case PhaseChanged e ->
          e.phase().finished()
              ? "run " + e.phase().label().toLowerCase()
              : "phase " + e.phase().label();
      case Decomposed e ->
          switch (e.source()) {
            case FOUND_ON_BOARD ->
                e.taskIds().size() + " tasks found on the board: " + ids(e.taskIds());
            case TO_PLAN -> "free-text request: the lead agent will plan it";
            case WRITTEN -> e.taskIds().size() + " tasks written: " + ids(e.taskIds());
            case PLANNED ->
                e.taskIds().isEmpty()
                    ? "the lead agent planned no task"
                    : "the lead agent planned "
                        + e.taskIds().size()
                        + " tasks: "
                        + ids(e.taskIds());
          };
      case PlanRowIgnored e -> "plan row ignored: " + e.problem();
      case TestsPlanned e -> e.count() + " test tasks created";
      case RunCancelled e -> "run cancelled: agents interrupted, open tasks closed as BLOCKED";
      case Stalled e -> e.reason();
      case RunFailed e ->
          (e.reason() == null ? "the run cannot go on" : e.reason())
              + (e.backToPending().isEmpty() ? "" : "; back to PENDING: " + ids(e.backToPending()));
      case AgentsLost e -> e.reason();
      case Incident e ->
          e.jobType() + " failed and is stopped until its incident is resolved: " + e.error();
      case BoardRepaired e -> e.repair();
      case NeedsYou e -> needsYou(e);
      case WaitingForAgent e -> "waits for a free agent";
      case PromptSubmitted e ->
          e.promptKind()
              + " prompt submitted in "
              + e.elapsed().toMillis()
              + " ms"
              + (e.enterPresses() > 1 ? " (" + e.enterPresses() + " Enter presses)" : "");
      case SubmitRetried e -> e.extraPresses() + " extra Enter press(es) before the agent started";
      case Reacted e ->
          e.completedTask()
              + " COMPLETED → "
              + e.taskId()
              + " typed latencyMs="
              + e.latency().toMillis();
      case AlreadyPrompted e -> "already prompted before the restart: not sent again";
      case PromptUnsent e ->
          "the prompt was still in "
              + e.agent()
              + "'s input line after the restart: cleared, it is sent again";
      case TaskCompleted e -> "COMPLETED by " + e.agent();
      case TaskBlocked e -> blocked(e);
      case ScreenEnded e -> e.agent() + "'s screen is " + e.state().toLowerCase();
      case IdleOnTask e -> e.agent() + " idle on the task with its row still " + e.status();
      case Silent e -> e.agent() + " silent for " + e.polls() + " poll(s), screen " + e.screen();
      case Stuck e ->
          e.agent()
              + " busy with no change on its screen or the board for "
              + e.polls()
              + " poll(s)";
      case Interrupted e -> interrupted(e);
      case Unreachable e -> e.reason();
      case AgentGone e ->
          e.testOf() == null
              ? e.agent() + " left the pool: its pane is gone"
              : e.agent()
                  + "'s pane is "
                  + e.state().toLowerCase()
                  + " while it holds the test of "
                  + e.testOf();
      case Reassigned e ->
          "unreachable".equals(e.cause())
              ? e.agent() + " set aside (unreachable); task back to PENDING"
              : "taken from "
                  + e.agent()
                  + " ("
                  + (e.cause() == null ? "silent" : e.cause())
                  + "), back to PENDING";
      case GivenUp e -> "given up: " + e.why();
      case DependencyGone e ->
          "waits for "
              + (e.missing() == null ? "a task it waits for" : e.missing())
              + ", which is no longer on the board: the task is released (BLOCKED) and left out";
      case GuardHit e -> e.reason();
      case TestVerdict e ->
          "tests of "
              + e.featureId()
              + " "
              + (e.passed() ? "PASSED" : "FAILED")
              + " (Ralph cycle "
              + e.cycle()
              + ")";
      case Escalated e -> e.featureId() + " still fails after " + e.cycles() + " Ralph cycle(s)";
      case Merged e ->
          (e.commit() == null
                  ? "nothing new to commit"
                  : "commit " + e.commit().substring(0, Math.min(7, e.commit().length())))
              + ", merged into the integration branch";
      case MergeConflict e -> "merge conflict in " + String.join(", ", e.files());
      case MergeGivenUp e ->
          "merge conflict in "
              + e.files()
              + " not resolved: the work is kept on branch "
              + e.keptBranch()
              + ", not in the integration branch";
    };
  }

  /**
   * The sentence for a list of one line per event (the report's problems): an interrupt names the
   * last line of the screen instead of showing it all.
   */
  public static String headline(Happened event) {
    if (event instanceof Interrupted e) {
      return interruptHead(e)
          + (e.screen().isEmpty()
              ? "its screen was empty"
              : "its screen ended with `" + e.screen().getLast().strip() + "`");
    }
    return of(event);
  }

  private static String blocked(TaskBlocked e) {
    if (e.note() == null) {
      return "BLOCKED ("
          + e.blockKind()
          + "): the screen shows a usage limit"
          + (e.resetsAt() == null ? "" : " until " + e.resetsAt());
    }
    return (e.note().isBlank()
            ? "BLOCKED, no reason written yet"
            : "BLOCKED (" + e.blockKind() + "): " + e.note())
        + (e.usageLimitShown() ? " (the screen shows a usage limit)" : "");
  }

  /** One line that reads on its own (the report shows first lines), then the screen as it was. */
  private static String interrupted(Interrupted e) {
    return e.screen().isEmpty()
        ? interruptHead(e) + "its screen was empty"
        : headline(e) + ":\n" + String.join("\n", e.screen());
  }

  private static String interruptHead(Interrupted e) {
    String keys =
        e.ctrlCSent() ? "Escape, then C-c" : e.escapeSent() ? "Escape" : "no key (it was not busy)";
    return e.why() + ": interrupted with " + keys + " and prompted again; ";
  }

  private static String needsYou(NeedsYou e) {
    String who =
        e.agent() != null
            ? e.agent() + (e.taskId() != null ? " on " + e.taskId() : "")
            : e.taskId() != null ? e.taskId() : "run";
    return "needs you: " + who + ": " + e.message() + " — " + e.action();
  }

  private static String ids(List<String> ids) {
    return String.join(", ", ids);
  }
}
