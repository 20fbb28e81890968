package dev.baton.process;

/**
 * Job types of the service tasks in {@code bpmn/baton.bpmn}. Workers subscribe with these names, so
 * a rename here and in the model must go together; a test keeps the two in step.
 */
public final class JobTypes {
  public static final String DECOMPOSE = "baton.decompose";
  public static final String PLAN = "baton.plan";
  public static final String COLLECT_PLAN = "baton.collect-plan";
  public static final String RESERVE_AGENT = "baton.reserve-agent";
  public static final String UPDATE_BOARD = "baton.update-board";
  public static final String DISPATCH = "baton.dispatch";

  /**
   * Used by several tasks; the input variable {@code reason} tells them apart (see {@link
   * Variables#REASON}).
   */
  public static final String RELEASE_AGENT = "baton.release-agent";

  /**
   * Worktree isolation: commit the task's work, bring the agent's branch up to date, merge it into
   * the integration branch; {@link Variables#MERGE_STEP} {@code give-up} keeps the work on a branch
   * of its own instead.
   */
  public static final String MERGE_WORK = "baton.merge-work";

  /**
   * Worktree isolation: the prompt asking the task's author to resolve a merge conflict in its
   * worktree.
   */
  public static final String RESOLVE_CONFLICT = "baton.resolve-conflict";

  public static final String CHECK_STATUS = "baton.check-status";
  public static final String UNBLOCK = "baton.unblock";
  public static final String INTERRUPT = "baton.interrupt";
  public static final String PLAN_TESTS = "baton.plan-tests";
  public static final String REQUEST_TEST = "baton.request-test";
  public static final String CHECK_TEST = "baton.check-test";
  public static final String FIX = "baton.fix";

  /** Interrupts a silent tester and sends it the test prompt again. */
  public static final String INTERRUPT_TESTER = "baton.interrupt-tester";

  public static final String ESCALATE = "baton.escalate";

  /**
   * Also writes the report of a run that cannot go on, when {@link Variables#FAILURE_REASON} is
   * set.
   */
  public static final String REPORT = "baton.report";

  public static final String CHECK_PROGRESS = "baton.check-progress";
  public static final String ABORT_RUN = "baton.abort-run";

  /**
   * Start execution listener of the phase sub-processes: the run enters the phase named by the
   * element's {@link Variables#RUN_PHASE} input. Not a service task: the model, not a worker, says
   * where a phase begins.
   */
  public static final String PHASE = "baton.phase";

  private JobTypes() {}
}
