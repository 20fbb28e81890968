package dev.baton.realcli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.baton.board.TaskId;
import dev.baton.board.TaskRow;
import dev.baton.board.TaskStatus;
import dev.baton.demo.real.ModelServer;
import dev.baton.demo.real.RealCli;
import dev.baton.realcli.RealCliTeam.Member;
import dev.baton.run.Phase;
import dev.baton.run.RunSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the real CLIs do when their model misbehaves or their tools need a person, and what Baton
 * does about it: a server error the CLI retries on its own, a command the CLI will not run without
 * approval, a task the CLI reports BLOCKED with its own note. Each run is one or two tasks on a
 * small team, so the whole real-CLI suite stays short.
 */
@Tag("real-cli")
@Tag("end-to-end")
class RealCliVariantsTest {

  private static final Duration POLL = Duration.ofSeconds(3);
  private static final Duration LIMIT = Duration.ofSeconds(Long.getLong("realcli.limit", 180));
  private static final Path SCREENS = Path.of("target/real-cli-screens");

  /**
   * A 500, twice, then success. Claude Code answers with its own retry screen ("Retrying in …
   * attempt 1/10") and sends the same request again; Codex retries on its own too
   * ("Reconnecting…"). Baton reads Claude's retry screen as an error, types nothing into either,
   * and the task completes on the one prompt.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = RealCli.class,
      names = {"CLAUDE", "CODEX"})
  void aServerErrorIsRetriedByTheCliWhileBatonTypesNothing(RealCli cli, @TempDir Path dir)
      throws Exception {
    Optional<String> missing = RealCliTeam.missing(cli);
    assumeTrue(missing.isEmpty(), () -> missing.orElse(""));
    String name = cli == RealCli.CLAUDE ? "Claude" : "Codex";
    try (ModelServer model =
            new ModelServer().mode("T-001", ModelServer.Mode.SERVER_ERROR).serverErrors(2);
        RealCliTeam team = new RealCliTeam(dir, model, List.of(Member.lead(name, cli)))) {
      team.awaitReady(Duration.ofSeconds(120)).start();
      ScreenSampler sampler =
          new ScreenSampler(
              team.tmux,
              team.session,
              team.members,
              RealCliTeam.cache(),
              SCREENS.resolve("server-error"));
      RunSnapshot run = team.run("- Create the model\n", POLL, LIMIT);
      sampler.close();

      assertThat(run.phase()).as(team.diagnosis(run.runId())).isEqualTo(Phase.DONE);
      assertThat(status(team, "T-001")).isEqualTo(TaskStatus.COMPLETED);
      assertThat(team.events(run.runId(), "prompted"))
          .as("Baton's prompts")
          .filteredOn(e -> "T-001".equals(e.taskId()))
          .hasSize(1);
      assertThat(model.promptsFor("T-001"))
          .as("two 500s, then the retry the server answers")
          .isEqualTo(3);
      assertThat(team.events(run.runId(), "interrupted")).isEmpty();
      assertThat(team.events(run.runId(), "submit-retry")).isEmpty();
      if (cli == RealCli.CLAUDE) {
        assertThat(sampler.seen().get(name))
            .as("the retry screen, read as an error")
            .contains(dev.baton.agents.AgentState.ERROR);
      }
    }
  }

  /**
   * A command outside the CLI's allow list opens its approval dialog. Baton never answers it: the
   * screen reads WAITING_FOR_USER, nothing changes on the board, and after the silence rule's polls
   * the task goes to the other agent; the command never runs and REPORT.md names the reassignment.
   */
  @Test
  void anApprovalDialogIsNeverAnsweredAndItsTaskIsReassigned(@TempDir Path dir) throws Exception {
    Optional<String> missing = RealCliTeam.missing(RealCli.CLAUDE, RealCli.GEMINI);
    assumeTrue(missing.isEmpty(), () -> missing.orElse(""));
    try (ModelServer model = new ModelServer().mode("T-001", ModelServer.Mode.NEEDS_PERMISSION);
        RealCliTeam team =
            new RealCliTeam(
                dir,
                model,
                List.of(
                    Member.lead("Claude", RealCli.CLAUDE), Member.of("Gemini", RealCli.GEMINI)))) {
      team.awaitReady(Duration.ofSeconds(120)).start();
      ScreenSampler sampler =
          new ScreenSampler(
              team.tmux,
              team.session,
              team.members,
              RealCliTeam.cache(),
              SCREENS.resolve("approval"));
      RunSnapshot run = team.run("- Deploy the model\n", POLL, LIMIT);
      sampler.close();
      String diagnosis = team.diagnosis(run.runId());

      assertThat(run.phase()).as(diagnosis).isEqualTo(Phase.DONE);
      String first =
          team.events(run.runId(), "prompted").stream()
              .filter(e -> "T-001".equals(e.taskId()))
              .findFirst()
              .orElseThrow()
              .agent();
      TaskRow row = team.readBoard().task(TaskId.parse("T-001").orElseThrow()).orElseThrow();
      assertThat(row.status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(row.assignedTo()).as(diagnosis).doesNotStartWith(first);
      assertThat(sampler.seen().get(first))
          .as("%s's states", first)
          .contains(dev.baton.agents.AgentState.WAITING_FOR_USER);
      assertThat(team.events(run.runId(), "reassigned"))
          .as(diagnosis)
          .extracting(e -> e.taskId())
          .contains("T-001");
      assertThat(model.shellResults(model.permissionCommand()))
          .as("the command ran: someone approved it")
          .isZero();
      assertThat(team.screen(first))
          .as("the dialog is still open, unanswered")
          .contains(model.permissionCommand());
      assertThat(team.report()).contains("T-001").containsIgnoringCase("reassigned");
    }
  }

  /**
   * The CLI sets its task BLOCKED with a technical note in the completion log, as the prompt asks.
   * The model routes a technical block to one unblock prompt to the same agent, which then finishes
   * the task; the report keeps the note.
   */
  @Test
  void aTaskTheCliReportsBlockedGetsOneUnblockPromptAndCompletes(@TempDir Path dir)
      throws Exception {
    Optional<String> missing = RealCliTeam.missing(RealCli.CODEX);
    assumeTrue(missing.isEmpty(), () -> missing.orElse(""));
    try (ModelServer model = new ModelServer().mode("T-001", ModelServer.Mode.BLOCKED_ONCE);
        RealCliTeam team =
            new RealCliTeam(dir, model, List.of(Member.lead("Codex", RealCli.CODEX)))) {
      team.awaitReady(Duration.ofSeconds(120)).start();
      RunSnapshot run = team.run("- Create the model\n", POLL, LIMIT);
      String diagnosis = team.diagnosis(run.runId());

      assertThat(run.phase()).as(diagnosis).isEqualTo(Phase.DONE);
      assertThat(status(team, "T-001")).isEqualTo(TaskStatus.COMPLETED);
      assertThat(team.events(run.runId(), "blocked"))
          .as(diagnosis)
          .filteredOn(e -> "T-001".equals(e.taskId()))
          .singleElement()
          .satisfies(
              e ->
                  assertThat(e.message())
                      .contains("BLOCKED (technical)")
                      .contains(model.blockedNote()));
      assertThat(team.events(run.runId(), "prompted"))
          .filteredOn(e -> "T-001".equals(e.taskId()))
          .extracting(e -> e.agent())
          .as("the task prompt, then the unblock prompt, both to Codex")
          .containsExactly("Codex", "Codex");
      assertThat(model.promptsFor("T-001")).isEqualTo(2);
      assertThat(team.readBoard().log())
          .as("the CLI's own BLOCKED row, then its COMPLETED row")
          .hasSizeGreaterThanOrEqualTo(2);
      assertThat(team.report()).contains(model.blockedNote());
    }
  }

  private static TaskStatus status(RealCliTeam team, String id) {
    return team.readBoard().task(TaskId.parse(id).orElseThrow()).orElseThrow().status();
  }
}
