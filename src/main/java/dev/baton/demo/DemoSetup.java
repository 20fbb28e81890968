package dev.baton.demo;

import java.nio.file.Path;
import java.util.List;

/**
 * A prepared demo: a throw-away workdir with its board, a tmux server with simulated agents, and
 * the request to run.
 *
 * @param tmuxSocket name of the private tmux server ({@code tmux -L <socket>})
 * @param session tmux session holding one window per simulated agent
 * @param springArgs further {@code --key=value} settings for the run (roster, timers, workdir)
 * @param request the sample request the demo runs
 */
public record DemoSetup(
    Path workdir, String tmuxSocket, String session, List<String> springArgs, String request) {
  public DemoSetup {
    springArgs = List.copyOf(springArgs);
  }

  /** The command a person types to watch the agents work. */
  public String attachCommand() {
    return "tmux -L " + tmuxSocket + " attach -t " + session;
  }
}
