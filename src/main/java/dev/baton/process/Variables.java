package dev.baton.process;

/**
 * Process variable names shared by the model, the job workers and the code that starts a run.
 * Variables marked "per task" or "per feature" are local to one instance of the multi-instance
 * sub-processes.
 */
public final class Variables {
  // start variables
  public static final String RUN_ID = "runId";
  public static final String REQUEST = "request";
  public static final String POLL_INTERVAL = "pollInterval";
  public static final String INACTIVE_POLLS = "inactivePolls";
  public static final String MAX_RALPH_CYCLES = "maxRalphCycles";
  public static final String SUBMIT_RETRIES = "submitRetries";

  /**
   * Polls in a row that saw the agent busy with neither its screen nor the board changing, before
   * interrupting it.
   */
  public static final String STALL_POLLS = "stallPolls";

  /**
   * Idle nudges ("Agent went idle") before the agent is interrupted and prompted again, then its
   * task reassigned.
   */
  public static final String IDLE_NUDGE_LIMIT = "idleNudgeLimit";

  /**
   * How long one agent may hold a task (ISO-8601 duration) before it is interrupted, then the task
   * reassigned.
   */
  public static final String TASK_TIMEOUT = "taskTimeout";

  /** How long nothing may move in a run (ISO-8601 duration) before it is ended as stalled. */
  public static final String STALL_LIMIT = "stallLimit";

  // phases
  /**
   * Set by an input mapping on each phase's sub-process (and on the failed run's report step) for
   * its start listener {@link JobTypes#PHASE}: the {@code dev.baton.run.Phase} name the run enters
   * there.
   */
  public static final String RUN_PHASE = "runPhase";

  // decompose
  public static final String TASK_IDS = "taskIds";
  public static final String NEEDS_PLAN = "needsPlan";
  public static final String PLAN_READY = "planReady";

  // per task
  public static final String TASK_ID = "taskId";
  public static final String AGENT = "agent";
  public static final String RESERVED = "reserved";
  public static final String STATUS = "status";
  public static final String BLOCK_KIND = "blockKind";

  /** The agent's last note on a BLOCKED row, as written. */
  public static final String NOTE = "note";

  /**
   * The agent's screen state as read by the poll ({@code IDLE}, {@code BUSY}, {@code RATE_LIMITED},
   * {@code DEAD}, ...).
   */
  public static final String SCREEN = "screen";

  /**
   * For a dependency block: {@code waiting}, {@code done} (all named tasks COMPLETED) or {@code
   * gone} (one left the board).
   */
  public static final String DEPENDENCIES = "dependencies";

  /** When the agent's usage limit resets, as the screen said (ISO-8601 instant), or null. */
  public static final String RESETS_AT = "resetsAt";

  public static final String SILENT_POLLS = "silentPolls";

  /**
   * Times the poll was woken because the agent sat idle on the task, since its last prompt; apart
   * from {@link #SILENT_POLLS}.
   */
  public static final String IDLE_NUDGES = "idleNudges";

  /**
   * What woke the poll: {@code board}, {@code idle} or {@code timer} (set by the model's catch
   * events).
   */
  public static final String WOKEN_BY = "wokenBy";

  /**
   * Polls in a row with the agent busy and nothing changing (digits and spinners on its screen
   * ignored).
   */
  public static final String STUCK_POLLS = "stuckPolls";

  /** A task this one waits for that is no longer on the board. */
  public static final String MISSING_DEPENDENCY = "missingDependency";

  /**
   * Why a task's next prompt would pass a limit; set with the {@link ErrorCodes#GUARD_HIT} error.
   */
  public static final String GUARD_REASON = "guardReason";

  /** Input of the overdue interrupt: why the agent is interrupted ({@code overdue}). */
  public static final String CAUSE = "cause";

  public static final String INTERRUPTED = "interrupted";
  public static final String UNBLOCK_SENT = "unblockSent";
  public static final String OUTCOME = "outcome";
  public static final String PROMPT_KIND = "promptKind";

  /**
   * Input of every {@link JobTypes#RELEASE_AGENT} task: {@code done}, {@code unreachable}, {@code
   * guard}, {@code reassign}, {@code dependency-gone}.
   */
  public static final String REASON = "reason";

  public static final String TASK_RESULTS = "taskResults";

  // test phase
  public static final String TEST_TASKS = "testTasks";
  public static final String TEST_TASK = "testTask";
  public static final String TEST_ID = "testId";
  public static final String FEATURE_ID = "featureId";
  public static final String RALPH_CYCLE = "ralphCycle";
  public static final String VERDICT = "verdict";
  public static final String TEST_SENT = "testSent";
  public static final String FAILURE_TAIL = "failureTail";
  public static final String TEST_RESULTS = "testResults";

  /**
   * Fact of the test check: the tester's screen state (IDLE, BUSY, DEAD, EXITED, RATE_LIMITED…),
   * null without one.
   */
  public static final String TESTER_SCREEN = "testerScreen";

  /**
   * Fact of the test check: a digest of the test's row and log lines, handed back on the next
   * check.
   */
  public static final String TEST_ROW_FINGERPRINT = "testRowFingerprint";

  /** Fact of the test check: whether the test's row or log lines changed since the last check. */
  public static final String TEST_ROW_CHANGED = "testRowChanged";

  /**
   * Set by the model once the test was taken from a tester: the next hand-over does not wait for
   * the author.
   */
  public static final String TEST_REASSIGNED = "testReassigned";

  /** Set by the model when a step could not type into the tester's pane ({@code unreachable}). */
  public static final String TESTER_LOST = "testerLost";

  /**
   * Fact of the test hand-over: whether some agent may still take the test (not gone, not taken off
   * it).
   */
  public static final String AGENTS_LEFT = "agentsLeft";

  // worktree isolation
  /**
   * Start variable: {@code shared} or {@code worktree} ({@code baton.isolation}); the model's
   * "Isolated?" reads it.
   */
  public static final String ISOLATION = "isolation";

  /** Input of {@link JobTypes#MERGE_WORK}: {@code merge} or {@code give-up}. */
  public static final String MERGE_STEP = "mergeStep";

  /**
   * Output of {@link JobTypes#MERGE_WORK}: {@code merged}, {@code conflict} or {@code given-up}.
   */
  public static final String MERGE_RESULT = "mergeResult";

  /** Output of {@link JobTypes#MERGE_WORK} on a conflict: the files to resolve, comma-separated. */
  public static final String CONFLICT_FILES = "conflictFiles";

  /** Per task: resolve prompts sent so far for merge conflicts. */
  public static final String MERGE_ATTEMPTS = "mergeAttempts";

  /** Per task, set in the model: resolve prompts before the conflict is given up and reported. */
  public static final String MERGE_ATTEMPT_LIMIT = "mergeAttemptLimit";

  // report
  public static final String REPORT_PATH = "reportPath";

  // a run that cannot go on
  public static final String STALLED = "stalled";

  /** One sentence saying why the run stopped; set with the {@link ErrorCodes#RUN_FAILED} error. */
  public static final String FAILURE_REASON = "failureReason";

  private Variables() {}
}
