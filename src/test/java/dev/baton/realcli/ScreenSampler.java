package dev.baton.realcli;

import dev.baton.agents.AgentState;
import dev.baton.agents.CliKind;
import dev.baton.agents.CliPatternCatalog;
import dev.baton.agents.CliPatterns;
import dev.baton.agents.Screen;
import dev.baton.demo.real.ModelServer;
import dev.baton.demo.real.RealCli;
import dev.baton.tmux.PaneScreen;
import dev.baton.tmux.TmuxClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Watches the real CLIs' windows during a run, the way Baton's probe does, and keeps the first
 * screen of each state the classifier gives, per CLI, in the corpus's file format ({@code .txt},
 * {@code .ansi}, {@code .label}) under a folder of its own. A person checks those screens before
 * they join {@code src/test/resources/screens/real}: the label written here is the classifier's
 * opinion, not yet the truth.
 */
final class ScreenSampler implements AutoCloseable {

  private final TmuxClient tmux;
  private final String session;
  private final Map<String, RealCli> windows;
  private final Map<String, Set<AgentState>> seen = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, String> versions;
  private final ModelServer model;
  private final Map<String, int[]> counts = new java.util.concurrent.ConcurrentHashMap<>();
  private final Path out;
  private final Thread thread;
  private volatile boolean running = true;

  ScreenSampler(
      TmuxClient tmux, String session, List<RealCliTeam.Member> members, Path cache, Path out) {
    this(tmux, session, members, cache, out, null);
  }

  /**
   * @param model when given, a screen read IDLE while the model server was answering that CLI's
   *     turn the whole time (before and after the capture, the same answer) counts as
   *     misclassified: the CLI was busy, and Baton would have typed into it
   */
  ScreenSampler(
      TmuxClient tmux,
      String session,
      List<RealCliTeam.Member> members,
      Path cache,
      Path out,
      ModelServer model) {
    this.model = model;
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
              ModelServer.Activity before = model == null ? null : model.activity(cli.api());
              PaneScreen pane = tmux.captureScreen(target);
              CliPatterns patterns = catalog.patterns(CliKind.fromId(cli.id()));
              AgentState state =
                  patterns.classify(Screen.of(pane.text(), pane.cursorY(), pane.alternate()));
              ModelServer.Activity after = null;
              if (model != null && state == AgentState.IDLE && before.open() > 0) {
                // the CLI may draw its idle input a moment before the server's handler returns:
                // give it 300 ms
                Thread.sleep(300);
                after = model.activity(cli.api());
              }
              int[] c = counts.computeIfAbsent(window, w -> new int[3]);
              c[0]++;
              if (state == AgentState.UNKNOWN) {
                c[1]++;
              }
              if (after != null && after.open() > 0 && before.begun() == after.begun()) {
                c[2]++;
                save(
                    cli,
                    window,
                    state,
                    pane,
                    tmux.capture(target, 60, true),
                    cli.id() + "_run_misread_idle");
              }
              if (seen.computeIfAbsent(
                      window, w -> java.util.Collections.synchronizedSet(new LinkedHashSet<>()))
                  .add(state)) {
                save(
                    cli,
                    window,
                    state,
                    pane,
                    tmux.capture(target, 60, true),
                    cli.id() + "_run_" + state.name().toLowerCase());
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
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

  private void save(
      RealCli cli, String window, AgentState state, PaneScreen pane, String ansi, String base)
      throws IOException {
    Path dir = Files.createDirectories(out.resolve(cli.id()));
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

  /** Window → {screens sampled, read UNKNOWN, read IDLE while its turn was being answered}. */
  Map<String, int[]> counts() {
    Map<String, int[]> copy = new LinkedHashMap<>();
    windows.keySet().forEach(w -> copy.put(w, counts.getOrDefault(w, new int[3]).clone()));
    return copy;
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
