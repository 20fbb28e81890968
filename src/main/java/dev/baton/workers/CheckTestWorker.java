package dev.baton.workers;

import dev.baton.agents.AgentPool;
import dev.baton.board.TaskRow;
import dev.baton.board.TaskStatus;
import dev.baton.process.ErrorCodes;
import dev.baton.process.JobTypes;
import dev.baton.run.JournalEntry;
import dev.baton.run.RunEvents;
import dev.baton.run.RunJournal;
import dev.baton.run.RunProperties;
import dev.baton.tasks.TaskBoard;
import dev.baton.tasks.TestCommand;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.exception.CamundaError;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Decides a test task once its agent has reported. With {@code baton.test-command} the command's exit code decides,
 * whatever the agent claimed; without it, the agent's status and note (PASSED / FAILED) do. A failure raises the
 * model's {@code TESTS_FAILED} with the output tail, which the fix prompt quotes.
 */
@Component
public class CheckTestWorker {
  private final TaskBoard board;
  private final AgentPool pool;
  private final RunJournal journal;
  private final RunEvents events;
  private final RunProperties props;
  private final Clock clock;

  public CheckTestWorker(
      TaskBoard board,
      AgentPool pool,
      RunJournal journal,
      RunEvents events,
      RunProperties props,
      Clock clock) {
    this.board = board;
    this.pool = pool;
    this.journal = journal;
    this.events = events;
    this.props = props;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.CHECK_TEST)
  public Map<String, Object> check(
      @Variable String runId,
      @Variable String testId,
      @Variable String featureId,
      @Variable(optional = true) String agent,
      @Variable(optional = true) Integer ralphCycle) {
    TaskRow row = board.row(testId).orElse(null);
    if (row == null || !row.status().isFinal()) {
      return Map.of("verdict", "pending");
    }
    int cycle = ralphCycle == null ? 1 : ralphCycle;
    String note = board.lastNote(testId).orElse("");
    boolean passed;
    String detail;
    if (props.testCommand() != null && !props.testCommand().isBlank()) {
      TestCommand.Verdict v =
          new TestCommand(props.testCommand(), props.workdir().toAbsolutePath(), props.testTimeout()).run();
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
    journal.test(
        runId,
        new JournalEntry.TestOutcome(
            clock.instant(), featureId, testId, cycle, passed ? "passed" : "failed", detail));
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
