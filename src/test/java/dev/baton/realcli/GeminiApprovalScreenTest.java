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
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Gemini CLI asked by its model to run a command outside its allow list ({@code
 * tools.allowed}) shows its approval dialog. The shipped classifier must read that screen
 * WAITING_FOR_USER, so Baton never types into it. The screen is written to {@code
 * target/real-cli-screens/} (text, colour twin, cursor) for the corpus.
 */
@Tag("real-cli")
@Tag("end-to-end")
class GeminiApprovalScreenTest {

  @Test
  void geminisApprovalDialogReadsWaitingForUser(@TempDir Path dir) throws Exception {
    Optional<String> missing = RealCliTeam.missing(RealCli.GEMINI);
    assumeTrue(missing.isEmpty(), () -> missing.orElse(""));
    try (ModelServer model = new ModelServer().mode("T-001", ModelServer.Mode.NEEDS_PERMISSION);
        RealCliTeam team =
            new RealCliTeam(dir, model, List.of(Member.of("Gemini", RealCli.GEMINI)))) {
      String target = team.session + ":Gemini";
      team.awaitReady(Duration.ofSeconds(120));
      team.tmux.sendLiteral(
          target,
          "Task T-001: deploy the model. When you are done, update the file CLAUDE.md: "
              + "set the Status of T-001 to COMPLETED.");
      Thread.sleep(800);
      team.tmux.sendKey(target, Key.ENTER);

      PaneScreen ps = null;
      Instant end = Instant.now().plus(Duration.ofSeconds(60));
      while (Instant.now().isBefore(end) && ps == null) {
        Thread.sleep(500);
        PaneScreen now = team.tmux.captureScreen(target);
        if (now.text().contains(model.permissionCommand())
            && now.text().toLowerCase().contains("allow")) {
          Thread.sleep(1000); // let the dialog finish drawing
          ps = team.tmux.captureScreen(target);
        }
      }
      assertThat(ps)
          .as("Gemini never showed its approval dialog:\n" + team.screen("Gemini"))
          .isNotNull();
      Path out = Files.createDirectories(Path.of("target/real-cli-screens"));
      Files.writeString(out.resolve("gemini_approval.txt"), ps.text(), StandardCharsets.UTF_8);
      Files.writeString(
          out.resolve("gemini_approval.ansi"),
          team.tmux.capture(target, 40, true),
          StandardCharsets.UTF_8);
      Files.writeString(out.resolve("gemini_approval.cursor"), ps.cursorY() + " " + ps.alternate());

      Verdict v =
          CliPatternCatalog.shipped()
              .patterns(CliKind.GEMINI)
              .verdict(Screen.of(ps.text(), ps.cursorY(), ps.alternate()), null);
      assertThat(v.state())
          .as(v.explain() + "\n" + ps.text())
          .isEqualTo(AgentState.WAITING_FOR_USER);
      assertThat(model.shellResults(model.permissionCommand())).as("nobody approved it").isZero();
    }
  }
}
