package dev.baton.workers;

import dev.baton.agents.AgentRoster;
import dev.baton.agents.AgentState;
import dev.baton.agents.StateProbe;
import dev.baton.board.Board;
import dev.baton.board.TaskBoard;
import dev.baton.board.TaskRow;
import dev.baton.board.TaskStatus;
import dev.baton.process.ErrorCodes;
import dev.baton.process.JobTypes;
import dev.baton.process.Variables;
import dev.baton.run.Happened;
import dev.baton.run.JournalEntry;
import dev.baton.run.RunEvents;
import dev.baton.run.RunJournal;
import dev.baton.run.RunProperties;
import dev.baton.testcommand.TestCommand;
import dev.baton.testcommand.TestRuns;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Decides a test task once its agent has reported. With {@code baton.test-command} the command's
 * exit code decides, whatever the agent claimed; without it, the agent's status and note (PASSED /
 * FAILED) do. A failure raises the model's {@code TESTS_FAILED} with the output tail, which the fix
 * prompt quotes. The command runs once per job ({@link TestRuns}), under a job lock longer than its
 * timeout ({@link JobTimeouts}), and a verdict is journaled once per cycle, however often the job
 * is delivered.
 *
 * <p>Without a verdict it only reports what it saw, for the model to count silent checks and
 * decide: the tester's screen state, and a digest of the test's row and log lines with whether it
 * differs from the one the model handed back. Nothing is remembered here, so a restarted Baton
 * counts on where the model left off.
 */
@Component
public class CheckTestWorker {
  private final TaskBoard board;
  private final RunJournal journal;
  private final RunEvents events;
  private final RunProperties props;
  private final Clock clock;
  private final StateProbe probe;
  private final AgentRoster roster;
  private final TestRuns testRuns;
  private final dev.baton.isolation.Workspaces workspaces;

  public CheckTestWorker(
      TaskBoard board,
      RunJournal journal,
      RunEvents events,
      RunProperties props,
      Clock clock,
      StateProbe probe,
      AgentRoster roster,
      TestRuns testRuns,
      dev.baton.isolation.Workspaces workspaces) {
    this.workspaces = workspaces;
    this.board = board;
    this.journal = journal;
    this.events = events;
    this.props = props;
    this.clock = clock;
    this.probe = probe;
    this.roster = roster;
    this.testRuns = testRuns;
  }

  @JobWorker(type = JobTypes.CHECK_TEST)
  public Map<String, Object> check(
      ActivatedJob job,
      @Variable String runId,
      @Variable String testId,
      @Variable String featureId,
      @Variable(optional = true) String agent,
      @Variable(optional = true) Integer ralphCycle,
      @Variable(optional = true) String testRowFingerprint) {
    board.store().reconcile();
    Board now = board.read();
    TaskRow row = now.task(TaskBoard.id(testId)).orElse(null);
    Map<String, Object> out = new HashMap<>();
    out.put(Variables.TESTER_SCREEN, null);
    out.put(Variables.TEST_ROW_FINGERPRINT, testRowFingerprint);
    out.put(Variables.TEST_ROW_CHANGED, false);
    if (row == null || !row.status().isFinal()) {
      String print = digest(board.fingerprint(now, testId));
      boolean changed = testRowFingerprint == null || !testRowFingerprint.equals(print);
      AgentState screen =
          agent == null || roster.byName(agent).isEmpty()
              ? null
              : probe.state(roster.require(agent));
      out.put(Variables.TESTER_SCREEN, screen == null ? null : screen.name());
      out.put(Variables.TEST_ROW_FINGERPRINT, print);
      out.put(Variables.TEST_ROW_CHANGED, changed);
      out.put(Variables.VERDICT, "pending");
      if (screen == AgentState.DEAD || screen == AgentState.EXITED) {
        events.emit(runId, new Happened.AgentGone(testId, agent, screen.name(), featureId));
      }
      return out;
    }
    int cycle = ralphCycle == null ? 1 : ralphCycle;
    String note = TaskBoard.lastNote(now, testId).orElse("");
    boolean passed;
    String detail;
    if (props.testCommand() != null && !props.testCommand().isBlank()) {
      TestCommand.Verdict v =
          testRuns.run(
              job.getKey(),
              () ->
                  new TestCommand(
                          props.testCommand(), workspaces.integrationFolder(), props.testTimeout())
                      .run());
      passed = v.passed();
      detail =
          (v.timedOut() ? "timed out" : "exit " + v.exitCode())
              + " in "
              + v.took().toMillis()
              + " ms"
              + (passed ? "" : "\n" + v.tail());
    } else {
      String upper = note.toUpperCase(Locale.ROOT);
      passed =
          row.status() == TaskStatus.COMPLETED
              && !upper.contains("FAIL")
              && !upper.contains("ÉCHEC");
      detail = note.isBlank() ? row.status().name() : note;
    }
    boolean recorded =
        journal.get(runId).stream()
            .flatMap(e -> e.tests().stream())
            .anyMatch(
                t ->
                    t.testId().equals(testId)
                        && t.cycle() == cycle
                        && !"escalated".equals(t.verdict()));
    if (!recorded) {
      journal.test(
          runId,
          new JournalEntry.TestOutcome(
              clock.instant(), featureId, testId, cycle, passed ? "passed" : "failed", detail));
    }
    events.emit(runId, new Happened.TestVerdict(testId, agent, featureId, passed, cycle));
    if (!passed) {
      throw CamundaError.bpmnError(
          ErrorCodes.TESTS_FAILED,
          "tests of " + featureId + " failed on cycle " + cycle,
          Map.of("failureTail", detail));
    }
    out.put(Variables.VERDICT, "passed");
    return out;
  }

  /** A short stand-in for the row and log lines: the model keeps it between checks. */
  static String digest(String fingerprint) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(fingerprint.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
