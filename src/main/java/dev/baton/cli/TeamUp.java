package dev.baton.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.agents.Pause;
import dev.baton.agents.PromptSubmitter;
import dev.baton.agents.StateProbe;
import dev.baton.agents.TeamStarter;
import dev.baton.agents.TmuxProperties;
import dev.baton.tmux.TmuxClient;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * {@code agents up} for the commands that do it ({@code agents up}, {@code run --up}): built from
 * the checked settings alone, before any engine starts, since the agents' windows must exist before
 * a run checks them.
 */
final class TeamUp {
  private final Preflight.Setup setup;
  private final TeamStarter starter;
  private final List<dev.baton.agents.AgentProperties> settings;

  TeamUp(List<String> springArgs) {
    this.setup = Preflight.setup(springArgs);
    this.settings = WorktreeFolders.of(springArgs, setup);
    TmuxProperties t = setup.tmux();
    TmuxClient tmux = new TmuxClient(t.socket(), t.commandTimeout());
    Clock clock = Clock.systemUTC();
    StateProbe probe = new StateProbe(tmux, t.captureLines(), t.captureHistory(), clock);
    this.starter =
        new TeamStarter(
            tmux,
            probe,
            new PromptSubmitter(tmux, probe, t, clock, Pause.REAL),
            new ObjectMapper(),
            clock,
            Pause.REAL);
  }

  /**
   * @throws CliFailure naming each agent that is not ready, and what to do about it
   */
  void up(Duration timeout, PrintWriter out) {
    List<TeamStarter.Outcome> outcomes =
        starter.up(
            setup.roster(),
            settings,
            setup.tmux().session(),
            setup.run().workdir(),
            timeout,
            line -> {
              out.println(line);
              out.flush();
            });
    List<TeamStarter.Outcome> notReady = outcomes.stream().filter(o -> !o.ready()).toList();
    if (!notReady.isEmpty()) {
      throw new CliFailure(
          ExitCodes.RUN_FAILED,
          notReady.size()
              + " of "
              + outcomes.size()
              + " agents are not ready:\n  "
              + String.join("\n  ", notReady.stream().map(TeamStarter.Outcome::sentence).toList()));
    }
    out.println("All " + outcomes.size() + " agents are ready.");
    out.flush();
  }

  void down(PrintWriter out) {
    starter.down(
        setup.roster(),
        setup.run().workdir(),
        line -> {
          out.println(line);
          out.flush();
        });
  }
}
