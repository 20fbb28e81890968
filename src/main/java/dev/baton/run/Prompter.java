package dev.baton.run;

import dev.baton.agents.Agent;
import dev.baton.agents.AgentRoster;
import dev.baton.agents.PromptKind;
import dev.baton.agents.PromptSubmitter;
import dev.baton.agents.PromptTemplates;
import dev.baton.agents.Reactions;
import dev.baton.agents.SubmitResult;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Sends one prompt for one task to one agent, the costly act of the whole product, so it is guarded
 * three ways: a job delivered twice finds its prompt in the journal and sends nothing; the per-task
 * and per-run prompt limits stop runaway loops; and delivery goes through the reliable submit,
 * which raises {@link dev.baton.agents.AgentUnreachableException} when the agent cannot take it.
 */
@Component
public class Prompter {
  private final PromptTemplates templates;
  private final PromptSubmitter submitter;
  private final AgentRoster roster;
  private final RunJournal journal;
  private final RunEvents events;
  private final RunProperties props;
  private final Reactions reactions;
  private final Clock clock;

  private final RunGate gate;
  private final dev.baton.isolation.PromptFolders folders;

  public Prompter(
      PromptTemplates templates,
      PromptSubmitter submitter,
      AgentRoster roster,
      RunJournal journal,
      RunEvents events,
      RunProperties props,
      Reactions reactions,
      RunGate gate,
      Clock clock,
      dev.baton.isolation.PromptFolders folders) {
    this.gate = gate;
    this.folders = folders;
    this.templates = templates;
    this.submitter = submitter;
    this.roster = roster;
    this.journal = journal;
    this.events = events;
    this.props = props;
    this.reactions = reactions;
    this.clock = clock;
  }

  /** The run's {@code submitRetries} parameter, as started. */
  private Integer retries(String runId) {
    return journal
        .get(runId)
        .map(e -> e.parameters().get("submitRetries"))
        .filter(Number.class::isInstance)
        .map(n -> ((Number) n).intValue())
        .orElse(null);
  }

  /**
   * Whether another prompt for this task would pass the cost guards; the reason when it would not.
   */
  public String guardHit(String runId, String taskId) {
    JournalEntry entry = journal.get(runId).orElse(null);
    if (entry == null) {
      return null;
    }
    long forTask = entry.prompts().stream().filter(p -> p.taskId().equals(taskId)).count();
    if (forTask >= props.maxPromptsPerTask()) {
      return "too many prompts: "
          + forTask
          + " sent for "
          + taskId
          + " (baton.max-prompts-per-task)";
    }
    if (entry.prompts().size() >= props.maxPromptsPerRun()) {
      return "too many prompts: "
          + entry.prompts().size()
          + " sent in this run (baton.max-prompts-per-run)";
    }
    return null;
  }

  /**
   * As {@link #guardHit(String, String)}, for the prompt of one job: a job delivered again whose
   * prompt is already journaled sends nothing, so it cannot pass a limit (its own prompt would
   * otherwise count against it).
   */
  public String guardHit(String runId, String taskId, long jobKey) {
    return alreadySent(runId, taskId, jobKey) ? null : guardHit(runId, taskId);
  }

  private boolean alreadySent(String runId, String taskId, long jobKey) {
    return journal.get(runId).stream()
        .flatMap(e -> e.prompts().stream())
        .anyMatch(p -> p.jobKey() == jobKey && p.taskId().equals(taskId));
  }

  /**
   * Renders and submits a prompt unless this job already did.
   *
   * @param values template values beyond taskId, description, board and agent
   * @return false when the journal shows this job's prompt was already sent, or the run was stopped
   *     meanwhile
   */
  public boolean send(
      String runId,
      String taskId,
      String description,
      String agentName,
      PromptKind kind,
      Map<String, String> values,
      long jobKey) {
    if (alreadySent(runId, taskId, jobKey)) {
      return false;
    }
    return gate.whileOpen(
            runId, () -> submit(runId, taskId, description, agentName, kind, values, jobKey))
        .orElse(false);
  }

  private boolean submit(
      String runId,
      String taskId,
      String description,
      String agentName,
      PromptKind kind,
      Map<String, String> values,
      long jobKey) {
    Agent agent = roster.require(agentName);
    Map<String, String> all = new HashMap<>(values);
    all.put("taskId", taskId);
    all.put("description", description);
    all.put("board", props.boardFile().getFileName().toString());
    all.put("agent", agent.name());
    all.putAll(folders.values(runId, agent.name(), kind));
    String text = folders.withFolder(templates, agent, all, templates.render(kind, agent, all));
    // Write-ahead: the journal says "sent" before the first key is typed. A Baton killed in between
    // then treats the
    // prompt as delivered after its restart (at worst the agent looks silent and is prompted again
    // by the
    // inactivity rule); the other order would type the same prompt twice.
    JournalEntry.Prompt record =
        new JournalEntry.Prompt(
            clock.instant(), taskId, agent.name(), kind.name().toLowerCase(), jobKey, 0);
    journal.prompt(runId, record);
    // the pair closes when the prompt is recorded, not when the submit returns: a completion read
    // while the keys
    // are being typed must not be taken for the one this prompt answers
    var reaction = reactions.prompted(agent.name(), taskId, record.at());
    Integer retries = retries(runId);
    SubmitResult result;
    try {
      result = submitter.submit(agent, text, retries == null ? props.submitRetries() : retries);
    } catch (RuntimeException e) {
      journal.forgetPrompt(runId, record);
      throw e;
    }
    events.emit(
        runId,
        new Happened.PromptSubmitted(
            taskId,
            agent.name(),
            kind.name().toLowerCase(),
            result.elapsed(),
            result.enterPresses()));
    if (result.enterPresses() > 1) {
      events.emit(
          runId, new Happened.SubmitRetried(taskId, agent.name(), result.enterPresses() - 1));
    }
    reaction.ifPresent(
        r ->
            events.emit(
                runId, new Happened.Reacted(taskId, agent.name(), r.completedTask(), r.latency())));
    return true;
  }
}
