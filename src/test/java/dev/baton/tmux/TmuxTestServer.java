package dev.baton.tmux;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.time.Duration;
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
    server.client.newSession("t", 160, 40, WindowSpec.of("keep", List.of("sh", "-c", "cat > /dev/null")));
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
