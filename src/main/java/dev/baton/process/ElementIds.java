package dev.baton.process;

/**
 * Ids of the elements of {@code bpmn/baton.bpmn} that code refers to (tests, progress tracking).
 * Unnamed merge gateways and sequence flows are left out on purpose: nothing should depend on them.
 */
public final class ElementIds {
  public static final String PROCESS = "baton";

  // phases and per-item sub-processes
  public static final String SUBPROCESS_DECOMPOSE = "SubProcess_Decompose";
  public static final String SUBPROCESS_TASKS = "SubProcess_Tasks";
  public static final String SUBPROCESS_DISTRIBUTE = "SubProcess_Distribute";
  public static final String SUBPROCESS_POLL = "SubProcess_Poll";
  public static final String SUBPROCESS_TEST = "SubProcess_Test";
  public static final String SUBPROCESS_RALPH = "SubProcess_Ralph";
  public static final String SUBPROCESS_REPORT = "SubProcess_Report";
  public static final String SUBPROCESS_WATCHDOG = "SubProcess_Watchdog";
  public static final String SUBPROCESS_RUN_FAILED = "SubProcess_RunFailed";

  // service tasks
  public static final String TASK_DECOMPOSE = "Task_Decompose";
  public static final String TASK_PROMPT_PLANNER = "Task_PromptPlanner";
  public static final String EVENT_LEAD_AVAILABLE = "Event_LeadAvailable";
  public static final String EVENT_LEAD_WAIT_TIMER = "Event_LeadWaitTimer";
  public static final String EVENT_NO_LEAD_FREE = "Event_NoLeadFree";
  public static final String EVENT_PLAN_GIVEN_UP = "Event_PlanGivenUp";
  public static final String TASK_COLLECT_PLAN = "Task_CollectPlan";
  public static final String TASK_RESERVE_AGENT = "Task_ReserveAgent";
  public static final String TASK_UPDATE_BOARD = "Task_UpdateBoard";
  public static final String TASK_SEND_PROMPT = "Task_SendPrompt";
  public static final String TASK_RELEASE_UNREACHABLE = "Task_ReleaseUnreachable";
  public static final String TASK_CHECK_STATUS = "Task_CheckStatus";

  /** Business-rule task calling the decision {@link Decisions#TASK_ROUTE}. */
  public static final String TASK_DECIDE_ROUTE = "Task_DecideRoute";

  public static final String TASK_RELEASE_DONE = "Task_ReleaseDone";

  /** Worktree isolation: "Isolated?" before "Merge the task's work", reading {@code isolation}. */
  public static final String GATEWAY_ISOLATED = "Gateway_Isolated";

  public static final String TASK_MERGE_WORK = "Task_MergeWork";
  public static final String GATEWAY_MERGED = "Gateway_Merged";
  public static final String GATEWAY_MERGE_ATTEMPTS_LEFT = "Gateway_MergeAttemptsLeft";
  public static final String TASK_SEND_RESOLVE = "Task_SendResolve";
  public static final String TASK_GIVE_UP_MERGE = "Task_GiveUpMerge";
  public static final String TASK_SEND_UNBLOCK = "Task_SendUnblock";
  public static final String TASK_INTERRUPT = "Task_Interrupt";
  public static final String TASK_GIVE_UP = "Task_GiveUp";
  public static final String TASK_REASSIGN = "Task_Reassign";
  public static final String TASK_PLAN_TESTS = "Task_PlanTests";
  public static final String TASK_REQUEST_TEST = "Task_RequestTest";
  public static final String TASK_CHECK_TEST = "Task_CheckTest";
  public static final String TASK_SEND_FIX = "Task_SendFix";
  public static final String TASK_ESCALATE = "Task_Escalate";
  public static final String TASK_FREE_TESTER = "Task_FreeTester";
  public static final String TASK_INTERRUPT_TESTER = "Task_InterruptTester";
  public static final String TASK_RELEASE_TESTER = "Task_ReleaseTester";
  public static final String TASK_GIVE_UP_TEST = "Task_GiveUpTest";
  public static final String TASK_WRITE_REPORT = "Task_WriteReport";
  public static final String TASK_INTERRUPT_OVERDUE = "Task_InterruptOverdue";
  public static final String TASK_REASSIGN_OVERDUE = "Task_ReassignOverdue";
  public static final String BOUNDARY_OVERDUE_UNREACHABLE = "Boundary_OverdueUnreachable";
  public static final String BOUNDARY_UNBLOCK_UNREACHABLE = "Boundary_UnblockUnreachable";
  public static final String BOUNDARY_INTERRUPT_UNREACHABLE = "Boundary_InterruptUnreachable";
  public static final String TASK_POLL_RELEASE_UNREACHABLE = "Task_PollReleaseUnreachable";
  public static final String TASK_DROP_WAITING = "Task_DropWaiting";
  public static final String TASK_DROP_BLOCKED = "Task_DropBlocked";
  public static final String TASK_CHECK_PROGRESS = "Task_CheckProgress";
  public static final String TASK_ABORT_RUN = "Task_AbortRun";
  public static final String TASK_WRITE_FAILURE_REPORT = "Task_WriteFailureReport";

  // decisions and waits
  public static final String GATEWAY_NEEDS_PLAN = "Gateway_NeedsPlan";
  public static final String GATEWAY_WAIT_PLAN = "Gateway_WaitPlan";
  public static final String GATEWAY_PLAN_READY = "Gateway_PlanReady";
  public static final String GATEWAY_TASK_OUTCOME = "Gateway_TaskOutcome";
  public static final String GATEWAY_AGENT_FREE = "Gateway_AgentFree";
  public static final String GATEWAY_WAIT_AGENT = "Gateway_WaitAgent";
  public static final String GATEWAY_WAIT_NEWS = "Gateway_WaitNews";
  public static final String GATEWAY_WHAT_NOW = "Gateway_WhatNow";
  public static final String GATEWAY_TEST_SENT = "Gateway_TestSent";
  public static final String GATEWAY_WAIT_TEST_AGENT = "Gateway_WaitTestAgent";
  public static final String GATEWAY_WAIT_TEST = "Gateway_WaitTest";
  public static final String GATEWAY_TEST_PASSED = "Gateway_TestPassed";
  public static final String GATEWAY_RALPH_CYCLES = "Gateway_RalphCycles";
  public static final String GATEWAY_TESTER_GETTING_ON = "Gateway_TesterGettingOn";
  public static final String GATEWAY_OVERDUE = "Gateway_Overdue";
  public static final String GATEWAY_STALLED = "Gateway_Stalled";
  public static final String GATEWAY_GIVE_UP = "Gateway_GiveUp";
  public static final String GATEWAY_TEST_GIVE_UP = "Gateway_TestGiveUp";

  // start, end and other events
  public static final String EVENT_REQUEST_RECEIVED = "Event_RequestReceived";
  public static final String EVENT_DECOMPOSE_START = "Event_DecomposeStart";
  public static final String EVENT_TASKS_KNOWN = "Event_TasksKnown";
  public static final String EVENT_TASK_START = "Event_TaskStart";
  public static final String EVENT_TASK_FINISHED = "Event_TaskFinished";
  public static final String EVENT_DISTRIBUTE_START = "Event_DistributeStart";
  public static final String EVENT_DISPATCHED = "Event_Dispatched";
  public static final String EVENT_AGENT_AVAILABLE = "Event_AgentAvailable";
  public static final String EVENT_AGENT_WAIT_TIMER = "Event_AgentWaitTimer";
  public static final String EVENT_POLL_START = "Event_PollStart";
  public static final String EVENT_TASK_DONE = "Event_TaskDone";
  public static final String EVENT_TASK_ABANDONED = "Event_TaskAbandoned";
  public static final String EVENT_TASK_TO_REASSIGN = "Event_TaskToReassign";
  public static final String EVENT_TEST_START = "Event_TestStart";
  public static final String EVENT_TESTS_DONE = "Event_TestsDone";
  public static final String EVENT_RALPH_START = "Event_RalphStart";
  public static final String EVENT_TEST_AGENT_AVAILABLE = "Event_TestAgentAvailable";
  public static final String EVENT_TEST_AGENT_WAIT_TIMER = "Event_TestAgentWaitTimer";
  public static final String EVENT_TEST_STATUS_CHANGED = "Event_TestStatusChanged";
  public static final String EVENT_FEATURE_PASSED = "Event_FeaturePassed";
  public static final String EVENT_FEATURE_FAILED = "Event_FeatureFailed";
  public static final String EVENT_FEATURE_UNTESTED = "Event_FeatureUntested";
  public static final String EVENT_TEST_ABANDONED = "Event_TestAbandoned";
  public static final String EVENT_REPORT_START = "Event_ReportStart";
  public static final String EVENT_REPORT_WRITTEN = "Event_ReportWritten";
  public static final String EVENT_RUN_FINISHED = "Event_RunFinished";
  public static final String EVENT_DEPENDENCY_GONE = "Event_DependencyGone";
  public static final String EVENT_WAITING_TASK_DROPPED = "Event_WaitingTaskDropped";
  public static final String EVENT_BLOCKED_TASK_DROPPED = "Event_BlockedTaskDropped";
  public static final String EVENT_STALL_CHECK_DUE = "Event_StallCheckDue";
  public static final String EVENT_RUN_PROGRESSING = "Event_RunProgressing";
  public static final String EVENT_RUN_STALLED = "Event_RunStalled";
  public static final String EVENT_RUN_CANNOT_GO_ON = "Event_RunCannotGoOn";
  public static final String EVENT_RUN_FAILED = "Event_RunFailed";

  // message catch events
  public static final String MESSAGE_PLAN_WRITTEN = "Message_PlanWritten";
  public static final String MESSAGE_STATUS_CHANGED = "Message_StatusChanged";
  public static final String MESSAGE_AGENT_IDLE = "Message_AgentIdle";

  // timer catch events
  public static final String TIMER_PLAN_POLL = "Timer_PlanPoll";
  public static final String TIMER_POLL = "Timer_Poll";
  public static final String TIMER_TEST_POLL = "Timer_TestPoll";

  // boundary error events
  public static final String BOUNDARY_AGENT_UNREACHABLE = "Boundary_AgentUnreachable";
  public static final String BOUNDARY_TESTS_FAILED = "Boundary_TestsFailed";
  public static final String BOUNDARY_REQUEST_TEST_UNREACHABLE = "Boundary_RequestTestUnreachable";
  public static final String BOUNDARY_FIX_UNREACHABLE = "Boundary_FixUnreachable";
  public static final String BOUNDARY_INTERRUPT_TESTER_UNREACHABLE =
      "Boundary_InterruptTesterUnreachable";
  public static final String BOUNDARY_DEPENDENCY_GONE = "Boundary_DependencyGone";
  public static final String BOUNDARY_GUARD_DISTRIBUTE = "Boundary_GuardDistribute";
  public static final String BOUNDARY_GUARD_POLL = "Boundary_GuardPoll";
  public static final String BOUNDARY_GUARD_OVERDUE = "Boundary_GuardOverdue";
  public static final String BOUNDARY_GUARD_REQUEST_TEST = "Boundary_GuardRequestTest";
  public static final String BOUNDARY_GUARD_FIX = "Boundary_GuardFix";
  public static final String BOUNDARY_GUARD_INTERRUPT_TESTER = "Boundary_GuardInterruptTester";

  // boundary timer events
  public static final String BOUNDARY_TASK_TIMEOUT = "Boundary_TaskTimeout";

  private ElementIds() {}
}
