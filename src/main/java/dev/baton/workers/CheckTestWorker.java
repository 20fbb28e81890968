package dev.baton.workers;

import dev.baton.agents.AgentPool;
import dev.baton.agents.AgentRoster;
import dev.baton.agents.AgentState;
import dev.baton.agents.AgentUnreachableException;
import dev.baton.agents.PromptKind;
import dev.baton.agents.StateProbe;
import dev.baton.board.Board;
import dev.baton.board.TaskRow;
import dev.baton.board.TaskStatus;
import dev.baton.process.ErrorCodes;
import dev.baton.process.JobTypes;
import dev.baton.run.JournalEntry;
import dev.baton.run.RunEvents;
import dev.baton.run.RunJournal;
import dev.baton.run.RunProperties;
import dev.baton.tasks.Prompter;
import dev.baton.tasks.SilenceTracker;
import dev.baton.tasks.TaskBoard;
import dev.baton.tasks.TestCommand;
import dev.baton.tasks.TestRuns;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Decides a test task once its agent has reported. With {@code baton.test-command} the command's exit code decides,
 * whatever the agent claimed; without it, the agent's status and note (PASSED / FAILED) do. A failure raises the
 * model's {@code TESTS_FAILED} with the output tail, which the fix prompt quotes. The command runs once per job
 * ({@link TestRuns}), under a job lock longer than its timeout ({@link JobTimeouts}), and a verdict is journaled
 * once per cycle, however often the job is delivered.
 */
@Component
public class CheckTestWorker {
  private final TaskBoard board;
  private final AgentPool pool;
  private final RunJournal journal;
  private final RunEvents events;
  private final RunProperties props;
  private final Clock clock;
  private final SilenceTracker silence;
  private final StateProbe probe;
  private final AgentRoster roster;
  private final Prompter prompter;
  private final TestRuns testRuns;
  private final Map<String, Integer> silentPolls = new ConcurrentHashMap<>();

  public CheckTestWorker(
      TaskBoard board,
      AgentPool pool,
      RunJournal journal,
      RunEvents events,
      RunProperties props,
      Clock clock,
      SilenceTracker silence,
      StateProbe probe,
      AgentRoster roster,
      Prompter prompter,
      TestRuns testRuns) {
    this.board = board;
    this.pool = pool;
    this.journal = journal;
    this.events = events;
    this.props = props;
    this.clock = clock;
    this.silence = silence;
    this.probe = probe;
    this.roster = roster;
    this.prompter = prompter;
    this.testRuns = testRuns;
  }

  /**
   * The test wait has the same inactivity rule as a feature's poll: an agent whose screen is idle while its test row
   * stays open for {@code inactivePolls} polls (its report may have been lost in another agent's overwrite) gets the
   * test prompt again, within the cost guards.
   */
  private void remindIfSilent(
      ActivatedJob job, String runId, String testId, String featureId, String agent, Board now, int limit) {
    if (agent == null || roster.byName(agent).isEmpty()) {
      return;
    }
    boolean busy = probe.state(roster.require(agent)) == AgentState.BUSY;
    int silent =
        silence.observe(testId, board.fingerprint(now, testId), busy, silentPolls.getOrDefault(testId, 0));
    silentPolls.put(testId, silent);
    if (silent < limit || prompter.guardHit(runId, testId) != null) {
      return;
    }
    silentPolls.put(testId, 0);
    silence.reset(testId);
    events.emit(runId, testId, agent, "interrupted", agent + " silent on its test task: test prompt sent again");
    String feature = now.task(TaskBoard.id(featureId)).map(TaskRow::task).orElse(featureId);
    try {
      prompter.send(runId, testId, "", agent, PromptKind.TEST, Map.of("feature", feature), job.getKey());
    } catch (AgentUnreachableException e) {
      AgentsLost.rethrowIfServerGone(e);
      events.emit(runId, testId, agent, "unreachable", e.getMessage());
    }
  }

  @JobWorker(type = JobTypes.CHECK_TEST)
  public Map<String, Object> check(
      ActivatedJob job,
      @Variable String runId,
      @Variable String testId,
      @Variable String featureId,
      @Variable(optional = true) String agent,
      @Variable(optional = true) Integer ralphCycle,
      @Variable(optional = true) Integer inactivePolls) {
    board.store().reconcile();
    Board now = board.read();
    TaskRow row = now.task(TaskBoard.id(testId)).orElse(null);
    if (row == null || !row.status().isFinal()) {
      remindIfSilent(job, runId, testId, featureId, agent, now, inactivePolls == null ? 2 : inactivePolls);
      return Map.of("verdict", "pending");
    }
    silence.reset(testId);
    int cycle = ralphCycle == null ? 1 : ralphCycle;
    String note = TaskBoard.lastNote(now, testId).orElse("");
    boolean passed;
    String detail;
    if (props.testCommand() != null && !props.testCommand().isBlank()) {
      TestCommand.Verdict v =
          testRuns.run(
              job.getKey(),
              () -> new TestCommand(props.testCommand(), props.workdir().toAbsolutePath(), props.testTimeout()).run());
      passed = v.passed();
      detail =
          (v.timedOut() ? "timed out" : "exit " + v.exitCode())
              + " in " + v.took().toMillis() + " ms"
              + (passed ? "" : "\n" + v.tail());
    } else {
      String upper = note.toUpperCase(Locale.ROOT);
      passed = row.status() == TaskStatus.COMPLETED && !upper.contains("FAIL") && !upper.contains("ÉCHEC");
      detail = note.isBlank() ? row.status().name() : note;
    }
    boolean recorded =
        journal.get(runId).stream()
            .flatMap(e -> e.tests().stream())
            .anyMatch(t -> t.testId().equals(testId) && t.cycle() == cycle && !"escalated".equals(t.verdict()));
    if (!recorded) {
      journal.test(
          runId,
          new JournalEntry.TestOutcome(
              clock.instant(), featureId, testId, cycle, passed ? "passed" : "failed", detail));
    }
    events.emit(
        runId,
        testId,
        agent,
        passed ? "test-passed" : "test-failed",
        "tests of " + featureId + " " + (passed ? "PASSED" : "FAILED") + " (Ralph cycle " + cycle + ")");
    if (!passed) {
      throw CamundaError.bpmnError(
          ErrorCodes.TESTS_FAILED,
          "tests of " + featureId + " failed on cycle " + cycle,
          Map.of("failureTail", detail));
    }
    if (agent != null) {
      pool.release(testId, agent);
    }
    return Map.of("verdict", "passed");
  }
}
