package dev.baton.realcli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.baton.agents.AgentState;
import dev.baton.agents.CliKind;
import dev.baton.agents.CliPatternCatalog;
import dev.baton.agents.Screen;
import dev.baton.agents.Verdict;
import dev.baton.demo.real.ModelServer;
import dev.baton.demo.real.RealCli;
import dev.baton.realcli.RealCliTeam.Member;
import dev.baton.tmux.Key;
import dev.baton.tmux.PaneScreen;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Codex, answered with a 429 {@code usage_limit_reached} by the {@link ModelServer}: it
 * prints the limit in its transcript, just above its input, and comes back to an idle input. The
 * shipped classifier must read that screen as RATE_LIMITED with the reset time Codex gives, so the
 * agent rests instead of being prompted again. The screen is written to {@code
 * target/real-cli-screens/} (text, colour twin, cursor) for the corpus.
 */
@Tag("real-cli")
@Tag("end-to-end")
class CodexUsageLimitScreenTest {

  @Test
  void codexAfterAUsageLimitReadsRateLimitedWithItsResetTime(@TempDir Path dir) throws Exception {
    Optional<String> missing = RealCliTeam.missing(RealCli.CODEX);
    assumeTrue(missing.isEmpty(), () -> missing.orElse(""));
    try (ModelServer model = new ModelServer().rateLimitFirstPrompt("responses");
        RealCliTeam team =
            new RealCliTeam(dir, model, List.of(Member.of("Codex", RealCli.CODEX)))) {
      String target = team.session + ":Codex";
      new ProcessBuilder(
              "tmux", "-L", team.socket, "resize-window", "-t", target, "-x", "120", "-y", "40")
          .start()
          .onExit()
          .join();
      team.awaitReady(Duration.ofSeconds(90));
      team.tmux.sendLiteral(
          target,
          "Task T-001: create the model. When you are done, update the file CLAUDE.md: "
              + "set the Status of T-001 to COMPLETED.");
      Thread.sleep(800);
      team.tmux.sendKey(target, Key.ENTER);
      Instant asked = Instant.now();

      PaneScreen ps = null;
      Instant end = asked.plus(Duration.ofSeconds(60));
      int enters = 1;
      while (Instant.now().isBefore(end)) {
        Thread.sleep(500);
        if (enters < 4
            && Duration.between(asked, Instant.now()).toSeconds() > 3L * enters
            && team.screen("Codex").lines().anyMatch(l -> l.startsWith("› Task T-001"))
            && !model.requests().stream().anyMatch(r -> r.promptFor().isPresent())) {
          team.tmux.sendKey(
              target,
              Key.ENTER); // Codex takes fast typing for a paste and swallows its first Enter
          enters++;
        }
        PaneScreen now = team.tmux.captureScreen(target);
        if (now.text().toLowerCase().contains("usage limit")
            && now.text().contains("? for shortcuts")) {
          ps = now;
          break;
        }
      }
      assertThat(ps).as("Codex never showed its usage limit:\n" + team.screen("Codex")).isNotNull();
      Thread.sleep(1000);
      ps = team.tmux.captureScreen(target);
      Path out = Files.createDirectories(Path.of("target/real-cli-screens"));
      Files.writeString(out.resolve("codex_usage_limit.txt"), ps.text(), StandardCharsets.UTF_8);
      Files.writeString(
          out.resolve("codex_usage_limit.ansi"),
          team.tmux.capture(target, 40, true),
          StandardCharsets.UTF_8);
      Files.writeString(
          out.resolve("codex_usage_limit.cursor"), ps.cursorY() + " " + ps.alternate());

      Verdict v =
          CliPatternCatalog.shipped()
              .patterns(CliKind.CODEX)
              .verdict(
                  Screen.of(ps.text(), ps.cursorY(), ps.alternate()),
                  ZonedDateTime.now(ZoneId.systemDefault()));
      assertThat(v.state()).as(v.explain() + "\n" + ps.text()).isEqualTo(AgentState.RATE_LIMITED);
      assertThat(v.resetsAt())
          .as("the server said: resets in 3600 s")
          .isNotNull()
          .isBetween(asked.plus(Duration.ofMinutes(55)), asked.plus(Duration.ofMinutes(65)));
    }
  }
}
