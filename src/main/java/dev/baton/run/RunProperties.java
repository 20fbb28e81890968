package dev.baton.run;

import dev.baton.process.EngineMode;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of a run. The per-run parameters (see {@link RunParameters}) become process variables at
 * start so a person can change them per run (REST overrides) and the model reads them as {@code
 * =pollInterval} etc.
 *
 * @param engine embedded (in-process engine, default) or external (camunda.client.* settings)
 * @param workdir folder the agents work in; holds the board and the run journal
 * @param board board file name inside the workdir
 * @param bpmn process model deployed at start-up
 * @param pollInterval safety-net poll of the board and the panes (the seed's 80 s)
 * @param inactivePolls polls without board change or busy screen before an agent is interrupted
 * @param maxRalphCycles test, debug, fix cycles per feature before it is reported as failing
 * @param submitRetries extra Enter presses when a prompt does not start the agent
 * @param testCommand command Baton runs itself in the workdir for honest test verdicts (optional)
 * @param testTimeout limit for one test-command run
 * @param maxPromptsPerTask guard: prompts sent for one task before it is given up
 * @param maxPromptsPerRun guard: prompts sent in one run before new ones are refused
 * @param cooldown how long an agent that hit a usage limit gets no work
 * @param watch react to board changes at once; off leaves only the timed polls
 * @param idleNudge an agent idle this long on a task whose row is not final gets its task polled
 *     now, then at this interval (the model's "Agent went idle", counted apart from the silent
 *     polls); 0 turns it off
 * @param idleNudges such idle nudges before the agent is interrupted and prompted again, then its
 *     task reassigned
 * @param resume at start-up, carry the workdir's unfinished runs (see the run journal) to their
 *     report
 * @param stallPolls polls with the agent busy and neither its screen (digits and spinners ignored)
 *     nor the board changing before it is interrupted and prompted again, then its task reassigned
 * @param taskTimeout how long one agent may hold a task before it is interrupted and prompted
 *     again, then (after the same time again) the task is reassigned
 * @param stallLimit how long nothing may move in a run (no prompt, no board change of its tasks, no
 *     screen change of the agents holding them) before it is ended with a report naming the reason
 */
@Validated
@ConfigurationProperties("baton")
public record RunProperties(
    @DefaultValue("embedded") EngineMode engine,
    @DefaultValue(".") Path workdir,
    @DefaultValue("CLAUDE.md") @NotBlank String board,
    @DefaultValue("bpmn/baton.bpmn") Path bpmn,
    @DefaultValue("80s") Duration pollInterval,
    @DefaultValue("2") @Min(1) int inactivePolls,
    @DefaultValue("3") @Min(1) int maxRalphCycles,
    @DefaultValue("3") @Min(0) int submitRetries,
    String testCommand,
    @DefaultValue("10m") Duration testTimeout,
    @DefaultValue("6") @Min(1) int maxPromptsPerTask,
    @DefaultValue("500") @Min(1) int maxPromptsPerRun,
    @DefaultValue("10m") Duration cooldown,
    @DefaultValue("true") boolean watch,
    @DefaultValue("5s") Duration idleNudge,
    @DefaultValue("true") boolean resume,
    @DefaultValue("5") @Min(1) int stallPolls,
    @DefaultValue("45m") Duration taskTimeout,
    @DefaultValue("30m") Duration stallLimit,
    @DefaultValue("2") @Min(1) int idleNudges) {

  public RunProperties {
    requirePositive("baton.poll-interval", pollInterval);
    requirePositive("baton.test-timeout", testTimeout);
    requirePositive("baton.task-timeout", taskTimeout);
    requirePositive("baton.stall-limit", stallLimit);
    if (idleNudge.isNegative()) {
      throw new IllegalArgumentException("baton.idle-nudge must not be negative, got " + idleNudge);
    }
    if (cooldown.isNegative()) {
      throw new IllegalArgumentException("baton.cooldown must not be negative, got " + cooldown);
    }
  }

  /** The board file, resolved against the workdir. */
  public Path boardFile() {
    return workdir.resolve(board).toAbsolutePath().normalize();
  }

  private static void requirePositive(String key, Duration d) {
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(key + " must be a positive duration, got " + d);
    }
  }
}
