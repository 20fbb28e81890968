package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.agents.Agent;
import dev.baton.agents.CliKind;
import dev.baton.agents.CliPatternCatalog;
import dev.baton.agents.StateProbe;
import dev.baton.tmux.PaneInfo;
import dev.baton.tmux.TmuxTestServer;
import dev.baton.tmux.WindowSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code baton agents --explain} on a real pane showing Codex's real trust dialog. */
class AgentsExplainTest {

  @Test
  void explainNamesTheRuleTheLineTheRegionAndTheRunnersUp() throws Exception {
    Path screen =
        Path.of(
            getClass().getClassLoader().getResource("screens/real/codex/codex_trust.txt").toURI());
    try (TmuxTestServer tmux = TmuxTestServer.start()) {
      PaneInfo pane =
          tmux.client()
              .newWindow(
                  tmux.session(),
                  WindowSpec.of(
                      "codex",
                      List.of("sh", "-c", "clear; cat '" + screen + "'; exec cat > /dev/null")));
      Agent codex =
          new Agent(
              "Codex",
              pane.target(),
              CliKind.CODEX,
              false,
              "w1",
              null,
              CliPatternCatalog.shipped().patterns(CliKind.CODEX));
      Agent gone =
          new Agent(
              "Gone",
              tmux.session() + ":9",
              CliKind.CLAUDE,
              false,
              "w9",
              null,
              CliPatternCatalog.shipped().patterns(CliKind.CLAUDE));
      Thread.sleep(300);
      StringWriter out = new StringWriter();
      AgentsCommand.explain(
          new PrintWriter(out), List.of(codex, gone), new StateProbe(tmux.client(), 60));

      assertThat(out.toString())
          .contains("Codex (codex, " + pane.target() + ")")
          .contains("state WAITING_FOR_USER")
          .contains("decided by codex/waiting-for-user /(?i)trust this folder/ in input+status")
          .contains("line ")
          .contains("Trust this folder?")
          .contains("runners-up:")
          .contains("patterns checked on codex 0.171.0")
          .contains("Gone (claude, ")
          .contains("state DEAD");
    }
  }
}
