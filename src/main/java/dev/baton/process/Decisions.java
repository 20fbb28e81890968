package dev.baton.process;

/**
 * Decision tables deployed with the model ({@code bpmn/*.dmn}) and the variables they read and
 * write. The rows are the model's to change; code only names the decision and reads what the
 * release step needs ({@code cause}).
 */
public final class Decisions {
  /**
   * "What now for the task?" in {@code bpmn/task-route.dmn}: facts of one poll in, {@code route}
   * and {@code cause} out.
   */
  public static final String TASK_ROUTE = "task-route";

  /** Result variable of {@link #TASK_ROUTE}: a context {@code {route, cause}}. */
  public static final String NEXT_STEP = "nextStep";

  /**
   * "Which agent takes the task?" in {@code bpmn/agent-routing.dmn}: {@code kind}, {@code task},
   * {@code priority}, {@code author}, {@code lead} in; {@code mode}, {@code agents}, {@code
   * waitSeconds} out. Evaluated before an agent is reserved for a feature or test task.
   */
  public static final String AGENT_ROUTING = "agent-routing";

  /** The routes the gateway "What now?" follows; any other value keeps waiting. */
  public static final String ROUTE_DONE = "done";

  public static final String ROUTE_UNBLOCK = "unblock";
  public static final String ROUTE_INTERRUPT = "interrupt";
  public static final String ROUTE_REASSIGN = "reassign";
  public static final String ROUTE_DEPENDENCY_GONE = "dependency-gone";
  public static final String ROUTE_WAIT = "wait";

  private Decisions() {}
}
