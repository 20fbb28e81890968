package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.run.RunJournal;
import dev.baton.tmux.TmuxTestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start check's rule for agents whose window is gone: refused for a fresh start, let through
 * for a resume.
 */
class PreflightResumeTest {

  private static List<String> args(Path dir, TmuxTestServer tmux, String... windows) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--baton.workdir=" + dir,
                "--baton.tmux.socket=" + tmux.client().socketName(),
                "--baton.tmux.session=" + tmux.session()));
    for (int i = 0; i < windows.length; i++) {
      args.add("--baton.agents[" + i + "].name=" + windows[i].toUpperCase());
      args.add("--baton.agents[" + i + "].window=" + windows[i]);
      args.add("--baton.agents[" + i + "].cli=simulated");
    }
    return args;
  }

  private static List<String> tmuxProblems(Preflight.Outcome outcome) {
    return outcome.problems().stream()
        .filter(f -> f.area() == Preflight.Area.TMUX)
        .map(Preflight.Finding::sentence)
        .toList();
  }

  @Test
  void aMissingWindowRefusesAFreshStartButNotTheResumeOfAJournaledRun(@TempDir Path dir) {
    try (TmuxTestServer tmux = TmuxTestServer.start()) {
      List<String> args = args(dir, tmux, "keep", "gone");

      assertThat(tmuxProblems(Preflight.check(args, Preflight.Scope.START)))
          .singleElement()
          .asString()
          .contains("agent GONE (target " + tmux.session() + ":gone): no such tmux window or pane");

      new RunJournal(dir, Clock.systemUTC()).begin("run-1", "- One\n", Map.of());
      Preflight.Outcome resumed = Preflight.check(args, Preflight.Scope.START);
      assertThat(tmuxProblems(resumed)).isEmpty();
      assertThat(resumed.passed())
          .anySatisfy(f -> assertThat(f.sentence()).contains("run-1 resumes without them"));

      assertThat(tmuxProblems(Preflight.check(args, Preflight.Scope.LINT)))
          .as("lint still lists the missing window")
          .hasSize(1);
    }
  }

  @Test
  void noTmuxServerRefusesAFreshStartButLetsAResumedRunEndWithItsReport(@TempDir Path dir) {
    List<String> args;
    try (TmuxTestServer tmux = TmuxTestServer.start()) {
      args = args(dir, tmux, "keep");
    }
    assertThat(tmuxProblems(Preflight.check(args, Preflight.Scope.START)))
        .singleElement()
        .asString()
        .contains("no tmux server is running");
    new RunJournal(dir, Clock.systemUTC()).begin("run-1", "- One\n", Map.of());
    Preflight.Outcome resumed = Preflight.check(args, Preflight.Scope.START);
    assertThat(tmuxProblems(resumed)).isEmpty();
    assertThat(resumed.passed())
        .anySatisfy(f -> assertThat(f.sentence()).contains("run-1 resumes and fails"));
  }

  @Test
  void aResumeWithEveryAgentWindowGoneIsRefused(@TempDir Path dir) {
    try (TmuxTestServer tmux = TmuxTestServer.start()) {
      new RunJournal(dir, Clock.systemUTC()).begin("run-1", "- One\n", Map.of());
      assertThat(
              tmuxProblems(Preflight.check(args(dir, tmux, "gone", "lost"), Preflight.Scope.START)))
          .hasSize(2);
    }
  }
}
