package dev.baton.realcli;

import dev.baton.demo.real.RealCli;

import dev.baton.agents.AgentState;
import dev.baton.agents.CliKind;
import dev.baton.agents.CliPatternCatalog;
import dev.baton.agents.CliPatterns;
import dev.baton.agents.Screen;
import dev.baton.tmux.PaneScreen;
import dev.baton.tmux.TmuxClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Watches the real CLIs' windows during a run, the way Baton's probe does, and keeps the first screen of each state
 * the classifier gives, per CLI, in the corpus's file format ({@code .txt}, {@code .ansi}, {@code .label}) under a
 * folder of its own. A person checks those screens before they join {@code src/test/resources/screens/real}: the
 * label written here is the classifier's opinion, not yet the truth.
 */
final class ScreenSampler implements AutoCloseable {

  private final TmuxClient tmux;
  private final String session;
  private final Map<String, RealCli> windows;
  private final Map<String, Set<AgentState>> seen = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, String> versions;
  private final Path out;
  private final Thread thread;
  private volatile boolean running = true;

  ScreenSampler(TmuxClient tmux, String session, List<RealCliTeam.Member> members, Path cache, Path out) {
    this.tmux = tmux;
    this.session = session;
    this.out = out;
    this.windows = new LinkedHashMap<>();
    this.versions = new LinkedHashMap<>();
    members.forEach(m -> windows.put(m.name(), m.cli()));
    members.forEach(m -> versions.put(m.name(), m.cli().version(cache)));
    this.thread = Thread.ofVirtual().name("screen-sampler").start(this::loop);
  }

  private void loop() {
    CliPatternCatalog catalog = CliPatternCatalog.shipped();
    while (running) {
      windows.forEach(
          (window, cli) -> {
            try {
              String target = session + ":" + window;
              PaneScreen pane = tmux.captureScreen(target);
              CliPatterns patterns = catalog.patterns(CliKind.fromId(cli.id()));
              AgentState state = patterns.classify(Screen.of(pane.text(), pane.cursorY(), pane.alternate()));
              if (seen.computeIfAbsent(window, w -> java.util.Collections.synchronizedSet(new LinkedHashSet<>())).add(state)) {
                save(cli, window, state, pane, tmux.capture(target, 60, true));
              }
            } catch (RuntimeException | IOException e) {
              // a window that is gone or a capture that failed: the next round tries again
            }
          });
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void save(RealCli cli, String window, AgentState state, PaneScreen pane, String ansi) throws IOException {
    Path dir = Files.createDirectories(out.resolve(cli.id()));
    String base = cli.id() + "_run_" + state.name().toLowerCase();
    Files.writeString(dir.resolve(base + ".txt"), pane.text(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(base + ".ansi"), ansi, StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve(base + ".label"),
        String.join(
            "\n",
            "cli: " + cli.id(),
            "version: " + versions.get(window),
            "state: " + state,
            "class: " + state.name().toLowerCase(),
            "proof: (classifier's verdict during a Baton run; check before use)",
            "cursor: 0," + pane.cursorY(),
            "alternate: " + (pane.alternate() ? 1 : 0),
            "source: captured during a Baton run " + LocalDate.now(),
            ""),
        StandardCharsets.UTF_8);
  }

  /** Window → the states the classifier gave, in the order first seen. */
  Map<String, List<AgentState>> seen() {
    Map<String, List<AgentState>> copy = new LinkedHashMap<>();
    windows.keySet().forEach(w -> copy.put(w, List.copyOf(seen.getOrDefault(w, Set.of()))));
    return copy;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
