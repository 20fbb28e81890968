package dev.baton.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.sim.SimLauncher;
import dev.baton.tmux.TmuxClient;
import dev.baton.tmux.TmuxTestServer;
import dev.baton.tmux.WindowInfo;
import dev.baton.tmux.WindowSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agents up} and {@code down} on a real tmux server of their own, with simulated agents and
 * screens captured from the real CLIs: windows made and waited for, a trust dialog answered only
 * with consent, a login screen never answered, and {@code down} ending only what {@code up} made.
 */
class TeamStarterTest {
  private static final AtomicInteger SERVERS = new AtomicInteger();

  @TempDir Path workdir;
  private TmuxClient tmux;
  private Path board;
  private final List<String> printed = new ArrayList<>();

  @BeforeEach
  void server() throws Exception {
    assumeTrue(TmuxTestServer.tmuxInstalled(), "tmux is not installed");
    tmux =
        new TmuxClient(
            "baton-up-" + ProcessHandle.current().pid() + "-" + SERVERS.incrementAndGet(),
            Duration.ofSeconds(10));
    // the user's own session on the same server: up and down must leave it alone
    tmux.newSession(
        "mine", 120, 40, WindowSpec.of("editor", List.of("sh", "-c", "cat > /dev/null")));
    board = workdir.resolve("CLAUDE.md");
    Files.writeString(
        board,
        "# Board\n\n## Task Assignment Queue\n| ID | Task | Assigned To | Priority | Status | Created |\n"
            + "|----|------|-------------|----------|--------|---------|\n",
        StandardCharsets.UTF_8);
  }

  @AfterEach
  void stop() {
    if (tmux != null) {
      TmuxTestServer.killServerAndPanes(tmux, "team");
    }
  }

  private TeamStarter starter() {
    TmuxProperties settings = TmuxProperties.defaults().withSession("team", tmux.socketName());
    StateProbe probe = new StateProbe(tmux, 60, false, Clock.systemUTC());
    return new TeamStarter(
        tmux,
        probe,
        new PromptSubmitter(tmux, probe, settings, Clock.systemUTC(), Pause.REAL),
        new ObjectMapper(),
        Clock.systemUTC(),
        Pause.REAL);
  }

  private AgentRoster roster(List<AgentProperties> agents) {
    return AgentRoster.from(
        new AgentsProperties(agents, Map.of(), "en", null),
        TmuxProperties.defaults().withSession("team", tmux.socketName()),
        CliPatternCatalog.shipped());
  }

  private AgentProperties sim(String name, boolean trust, String... options) {
    List<String> opts = new ArrayList<>(List.of(options));
    opts.addAll(List.of("--log", workdir.resolve(name + ".log").toString()));
    return new AgentProperties(
        name,
        name,
        null,
        null,
        CliKind.SIMULATED,
        false,
        null,
        null,
        null,
        SimLauncher.fromCurrentJvm().command(name, board, opts),
        Map.of(),
        null,
        trust);
  }

  private String log(String name) throws Exception {
    Path log = workdir.resolve(name + ".log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  @Test
  void upStartsEachCliWaitsUntilIdleAndDownEndsOnlyWhatUpMade() throws Exception {
    List<AgentProperties> settings = List.of(sim("A1", false), sim("A2", true, "--trust-dialog"));
    AgentRoster roster = roster(settings);

    List<TeamStarter.Outcome> outcomes =
        starter().up(roster, settings, "team", workdir, Duration.ofSeconds(60), printed::add);

    assertThat(outcomes).extracting(TeamStarter.Outcome::ready).containsExactly(true, true);
    assertThat(printed)
        .anyMatch(
            l ->
                l.startsWith("A2: answering its trust dialog with 1 (trust-folder: true)")
                    && l.contains("Do you trust the files in this folder?"));
    assertThat(log("A2")).contains("DIALOG accepted");
    assertThat(tmux.listWindows("team")).extracting(WindowInfo::name).containsExactly("A1", "A2");
    assertThat(StartedWindows.read(workdir, new ObjectMapper()).orElseThrow().windows())
        .extracting(StartedWindows.Window::agent)
        .containsExactly("A1", "A2");

    // a second up finds the windows there and makes nothing
    printed.clear();
    assertThat(
            starter().up(roster, settings, "team", workdir, Duration.ofSeconds(30), printed::add))
        .allMatch(TeamStarter.Outcome::ready);
    assertThat(printed).anyMatch(l -> l.startsWith("A1: window team:A1 is already there"));
    assertThat(StartedWindows.read(workdir, new ObjectMapper()).orElseThrow().windows()).hasSize(2);

    List<String> ended = starter().down(roster, workdir, printed::add);

    assertThat(ended).hasSize(2).allMatch(l -> l.endsWith("window closed"));
    assertThat(tmux.hasSession("team")).isFalse();
    assertThat(tmux.listWindows("mine")).extracting(WindowInfo::name).containsExactly("editor");
    assertThat(StartedWindows.read(workdir, new ObjectMapper())).isEmpty();
    assertThat(starter().down(roster, workdir, printed::add)).isEmpty();
  }

  @Test
  void aTrustDialogWithoutConsentALoginScreenAndACliThatEndsAreReportedAndNeverTypedInto()
      throws Exception {
    Path login =
        Path.of("src/test/resources/screens/real/claude/claude_login_method.txt").toAbsolutePath();
    Path typedAtLogin = workdir.resolve("typed-at-login");
    AgentProperties loginScreen =
        new AgentProperties(
            "Claude",
            "Claude",
            null,
            null,
            CliKind.CLAUDE,
            false,
            null,
            null,
            null,
            List.of(
                "sh",
                "-c",
                "clear; cat \"$0\"; exec cat > \"$1\"",
                login.toString(),
                typedAtLogin.toString()),
            Map.of(),
            null,
            true);
    AgentProperties ends =
        new AgentProperties(
            "Codex",
            "Codex",
            null,
            null,
            CliKind.CODEX,
            false,
            null,
            null,
            null,
            List.of("sh", "-c", "sleep 0.3; echo 'codex: unknown option --bad'; sleep 0.3; exit 3"),
            Map.of(),
            null,
            false);
    List<AgentProperties> settings = List.of(sim("A1", false, "--trust-dialog"), loginScreen, ends);

    List<TeamStarter.Outcome> outcomes =
        starter()
            .up(roster(settings), settings, "team", workdir, Duration.ofSeconds(60), printed::add);

    assertThat(outcomes).noneMatch(TeamStarter.Outcome::ready);
    assertThat(outcomes.get(0).sentence())
        .contains("asks whether to trust its folder")
        .contains("trust-folder: true")
        .contains("attach -t team:A1");
    assertThat(outcomes.get(1).sentence())
        .contains("waits for a person at 'Select login method:'")
        .contains("-L " + tmux.socketName() + " attach -t team:Claude");
    assertThat(outcomes.get(2).sentence())
        .contains("Codex's CLI ended at start")
        .contains("unknown option --bad");
    assertThat(log("A1")).doesNotContain("DIALOG").doesNotContain("KEY");
    assertThat(Files.exists(typedAtLogin) ? Files.readString(typedAtLogin) : "").isEmpty();

    assertThat(starter().down(roster(settings), workdir, printed::add)).hasSize(3);
    assertThat(tmux.hasSession("team")).isFalse();
    assertThat(tmux.hasSession("mine")).isTrue();
  }

  @Test
  void anAgentWithoutWindowOrCommandIsNamedAndNothingIsMade() {
    List<AgentProperties> settings =
        List.of(
            new AgentProperties("Amp", "Amp", null, null, CliKind.AMP, false, null, null, null));

    List<TeamStarter.Outcome> outcomes =
        starter()
            .up(roster(settings), settings, "team", workdir, Duration.ofSeconds(5), printed::add);

    assertThat(outcomes)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.ready()).isFalse();
              assertThat(o.sentence())
                  .contains("Amp has no window team:Amp and no command to start one");
            });
    assertThat(tmux.hasSession("team")).isFalse();
    assertThat(StartedWindows.read(workdir, new ObjectMapper())).isEmpty();
  }
}
