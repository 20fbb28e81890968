package dev.baton.tmux;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tmux server on a private socket for one test class; {@link #close()} kills that server only.
 * The user's own tmux server is never addressed.
 */
public final class TmuxTestServer implements AutoCloseable {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final TmuxClient client;
  private final String session;

  private TmuxTestServer(String socket, String session) {
    this.client = new TmuxClient(socket, Duration.ofSeconds(10));
    this.session = session;
  }

  /** Starts a server with one session whose first window runs {@code cat > /dev/null}. */
  public static TmuxTestServer start() {
    assumeTrue(tmuxInstalled(), "tmux is not installed");
    String socket = "baton-test-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    TmuxTestServer server = new TmuxTestServer(socket, "t");
    server.client.newSession(
        "t", 160, 40, WindowSpec.of("keep", List.of("sh", "-c", "cat > /dev/null")));
    return server;
  }

  public TmuxClient client() {
    return client;
  }

  public String session() {
    return session;
  }

  @Override
  public void close() {
    client.killServer();
  }

  /**
   * Kills a private server and waits for the programs its panes ran (and their children), so that
   * nothing they started writes into a test's workdir afterwards.
   */
  public static void killServerAndPanes(TmuxClient tmux, String session) {
    List<ProcessHandle> programs = new ArrayList<>();
    try {
      tmux.listPanes(session).forEach(p -> ProcessHandle.of(p.pid()).ifPresent(programs::add));
    } catch (RuntimeException e) {
      // the server is already gone
    }
    tmux.killServer();
    for (ProcessHandle program : programs) {
      program.descendants().forEach(ProcessHandle::destroyForcibly);
      program.destroyForcibly();
      program.onExit().completeOnTimeout(program, 5, TimeUnit.SECONDS).join();
    }
  }

  public static boolean tmuxInstalled() {
    try {
      Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
