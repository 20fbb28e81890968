package dev.baton.realcli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.baton.board.Board;
import dev.baton.board.TaskId;
import dev.baton.board.TaskRow;
import dev.baton.board.TaskStatus;
import dev.baton.demo.real.ModelServer;
import dev.baton.demo.real.RealCli;
import dev.baton.realcli.RealCliTeam.Member;
import dev.baton.run.Phase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Baton drives the real Claude Code, Codex and Gemini CLI, installed from the npm registry at
 * pinned versions, in tmux windows; their model is a {@link ModelServer} on 127.0.0.1 that answers
 * each task prompt with the tool calls a real model makes, so every COMPLETED on the board was
 * written by the CLI's own edit tool. Skipped, with the command that installs them, where the CLIs
 * are absent.
 */
@Tag("real-cli")
@Tag("end-to-end")
class RealCliEndToEndTest {

  private static final Duration POLL = Duration.ofSeconds(3);
  private static final Duration LIMIT = Duration.ofSeconds(Long.getLong("realcli.limit", 180));

  @Test
  void claudeCodeCodexAndGeminiCompleteEveryTaskWithOnePromptEach(@TempDir Path dir)
      throws Exception {
    Optional<String> missing = RealCliTeam.missing(RealCli.CLAUDE, RealCli.CODEX, RealCli.GEMINI);
    assumeTrue(missing.isEmpty(), () -> missing.orElse(""));
    try (ModelServer model = new ModelServer().testCommand(RealCliTeam.TEST_COMMAND);
        RealCliTeam team =
            new RealCliTeam(
                dir,
                model,
                List.of(
                    Member.lead("Claude", RealCli.CLAUDE),
                    Member.of("Codex", RealCli.CODEX),
                    Member.of("Gemini", RealCli.GEMINI)))) {
      team.awaitReady(Duration.ofSeconds(120)).start();
      ScreenSampler sampler =
          new ScreenSampler(
              team.tmux,
              team.session,
              team.members,
              RealCliTeam.cache(),
              Path.of("target/real-cli-screens"),
              model);
      var run =
          team.run(
              """
              - Create the model [HIGH]
              - Create the store
              - Create the parser
              - Create the printer
              - Create the saver (low)
              - Write the docs (low)
              """,
              POLL,
              LIMIT);

      sampler.close();
      String table = Benchmark.table(team, run.runId(), sampler);
      System.out.println(table);
      java.nio.file.Files.writeString(Path.of("target/real-cli-benchmark.md"), table);
      assertThat(run.phase()).isEqualTo(Phase.DONE);
      Board board = team.readBoard();
      for (String id : List.of("T-001", "T-002", "T-003", "T-004", "T-005", "T-006")) {
        TaskRow row = board.task(TaskId.parse(id).orElseThrow()).orElseThrow();
        assertThat(row.status()).as(id).isEqualTo(TaskStatus.COMPLETED);
        long sent =
            team.events(run.runId(), "prompted").stream()
                .filter(e -> id.equals(e.taskId()))
                .count();
        long interrupts =
            team.events(run.runId(), "interrupted").stream()
                .filter(e -> id.equals(e.taskId()))
                .count();
        assertThat(model.promptsFor(id))
            .as("turns opened at the model on %s's prompt: one per prompt Baton sent", id)
            .isEqualTo(sent);
        assertThat(sent - 1)
            .as("prompts for %s beyond the first: only the inactivity rule's", id)
            .isEqualTo(interrupts);
      }
      // the CLIs' edit tools rewrite the whole file, so two agents finishing at once can lose one's
      // log row; the rows
      // of the queue are what Baton reads
      assertThat(board.log()).hasSizeGreaterThanOrEqualTo(6);
      // each test task ran the project's test command with its CLI's shell tool, the result going
      // back to the model
      List<String> ran = team.testRuns();
      assertThat(ran)
          .as("runs of the test command, by HOME")
          .hasSizeGreaterThanOrEqualTo(6)
          .allSatisfy(home -> assertThat(home).startsWith(team.homes.toString()));
      assertThat(model.shellResults(RealCliTeam.TEST_COMMAND)).isGreaterThanOrEqualTo(6);
      assertThat(team.report()).contains("6 of 6 completed").contains("Progress: 100 %");
      assertThat(team.events(run.runId(), "reassigned")).isEmpty();
      for (String api : List.of("anthropic", "responses", "gemini")) {
        assertThat(
                model.requests().stream()
                    .anyMatch(r -> r.api().equals(api) && r.promptFor().isPresent()))
            .as("turns opened through the %s API", api)
            .isTrue();
      }
      for (Member m : team.members) {
        assertThat(team.history(m.name())).as("%s's window", m.name()).doesNotContain("fake-");
      }
    }
  }

  @Test
  void aStreamThatNeverEndsIsInterruptedAndPromptedAgain(@TempDir Path dir) throws Exception {
    Optional<String> missing = RealCliTeam.missing(RealCli.CLAUDE, RealCli.CODEX);
    assumeTrue(missing.isEmpty(), () -> missing.orElse(""));
    try (ModelServer model = new ModelServer().mode("T-001", ModelServer.Mode.HANG);
        RealCliTeam team =
            new RealCliTeam(
                dir,
                model,
                List.of(
                    Member.lead("Claude", RealCli.CLAUDE), Member.of("Codex", RealCli.CODEX)))) {
      team.awaitReady(Duration.ofSeconds(90)).start();
      var run = team.run("- Long task\n- Short task\n", POLL, LIMIT);

      assertThat(run.phase()).isEqualTo(Phase.DONE);
      TaskRow row = team.readBoard().task(TaskId.parse("T-001").orElseThrow()).orElseThrow();
      assertThat(row.status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(team.events(run.runId(), "interrupted"))
          .extracting(e -> e.taskId())
          .contains("T-001");
      assertThat(model.promptsFor("T-001"))
          .as("the hung prompt, then the one after the interrupt")
          .isEqualTo(2);
      assertThat(model.promptsFor("T-002")).isEqualTo(1);
    }
  }

  /**
   * Codex 0.171 prints a 429's message in its transcript and comes back to an idle input. That
   * message, the last output above the input, reads RATE_LIMITED with the reset time Codex gives
   * ("try again at 11:14 AM"): the prompt counts as delivered, the task goes to Claude, and Codex
   * rests until that time instead of being prompted again.
   */
  @Test
  void codexAfterA429RestsUntilItsResetTimeAndItsTaskFinishesOnClaude(@TempDir Path dir)
      throws Exception {
    Optional<String> missing = RealCliTeam.missing(RealCli.CLAUDE, RealCli.CODEX);
    assumeTrue(missing.isEmpty(), () -> missing.orElse(""));
    try (ModelServer model = new ModelServer().rateLimitFirstPrompt("responses");
        RealCliTeam team =
            new RealCliTeam(
                dir,
                model,
                List.of(
                    Member.lead("Claude", RealCli.CLAUDE), Member.of("Codex", RealCli.CODEX)))) {
      team.awaitReady(Duration.ofSeconds(90)).start();
      java.time.Instant started = java.time.Instant.now();
      var run = team.run("- Create the model\n- Create the store\n", POLL, LIMIT);

      assertThat(run.phase()).isEqualTo(Phase.DONE);
      String limited =
          model.requests().stream()
              .filter(r -> r.api().equals("responses") && r.promptFor().isPresent())
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "Codex was never prompted: " + team.events(run.runId(), "prompted")))
              .promptFor()
              .orElseThrow();
      TaskRow row = team.readBoard().task(TaskId.parse(limited).orElseThrow()).orElseThrow();
      assertThat(row.status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(row.assignedTo()).startsWith("Claude");
      assertThat(model.promptsFor(limited))
          .as("the limited prompt to Codex, then the one to Claude")
          .isEqualTo(2);
      assertThat(team.events(run.runId(), "interrupted"))
          .extracting(e -> e.taskId())
          .doesNotContain(limited);
      assertThat(team.events(run.runId(), "blocked"))
          .filteredOn(e -> limited.equals(e.taskId()) && "Codex".equals(e.agent()))
          .singleElement()
          .satisfies(e -> assertThat(e.message()).contains("the screen shows a usage limit until"));
      var codex =
          team.bean(dev.baton.agents.AgentPool.class).slots().stream()
              .filter(s -> s.agent().equals("Codex"))
              .findFirst()
              .orElseThrow();
      assertThat(codex.availability()).isEqualTo(dev.baton.agents.AgentPool.Availability.COOLDOWN);
      assertThat(codex.until())
          .as("Codex's own reset time, one hour after the 429 (to the minute)")
          .isBetween(started.plus(Duration.ofMinutes(58)), started.plus(Duration.ofMinutes(62)));
      assertThat(team.report())
          .contains("(Codex) blocked: BLOCKED (credits): the screen shows a usage limit until");
    }
  }
}
