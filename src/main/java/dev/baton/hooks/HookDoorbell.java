package dev.baton.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.agents.AgentPool;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads the lines hooks appended to {@code <workdir>/.baton/events/*.jsonl} since the last look,
 * and for each event of an agent that holds a task rings the doorbell: the task's poll wakes now
 * (the model's {@code task-status-changed} message), which reads the board and the screen as any
 * poll does. The event itself decides nothing: hooks miss interrupts, fire for sub-agents and break
 * silently when a CLI changes.
 */
public final class HookDoorbell {

  /** One hook event. */
  public record Event(String agent, String pane, String cli, String event) {}

  private final Path events;
  private final AgentPool pool;
  private final BiConsumer<String, String> wake;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<Path, Long> offsets = new HashMap<>();
  private final Function<String, Optional<String>> paneOwner;

  /**
   * @param workdir the workdir the hooks write under
   * @param wake called with (taskId, why) to wake a task's poll
   */
  public HookDoorbell(Path workdir, AgentPool pool, BiConsumer<String, String> wake) {
    this(workdir, pool, wake, pane -> Optional.empty());
  }

  /**
   * @param paneOwner the agent whose window holds a tmux pane ({@code %7}), when known: agents
   *     sharing a workdir share its hook settings, so every CLI there runs every agent's hook, and
   *     only the pane the hook ran in tells whose turn ended
   */
  public HookDoorbell(
      Path workdir,
      AgentPool pool,
      BiConsumer<String, String> wake,
      Function<String, Optional<String>> paneOwner) {
    this.events = workdir.resolve(HookInstaller.EVENTS_DIR);
    this.pool = pool;
    this.wake = wake;
    this.paneOwner = paneOwner;
  }

  /**
   * Starts from the end of the files already there: events from before Baton started are old news.
   */
  public synchronized void skipExisting() {
    for (Path f : files()) {
      try {
        offsets.put(f, Files.size(f));
      } catch (IOException e) {
        // gone meanwhile
      }
    }
  }

  /** One look: the new events, each answered by a wake-up of the agent's task when it holds one. */
  public synchronized List<Event> check() {
    List<Event> seen = new ArrayList<>();
    java.util.Set<String> rung = new java.util.HashSet<>();
    for (Path f : files()) {
      for (String line : newLines(f)) {
        Optional<Event> parsed = parse(line, f);
        if (parsed.isEmpty()) {
          continue;
        }
        Event e = parsed.get();
        if (!e.pane().isEmpty()) {
          Optional<String> owner = paneOwner.apply(e.pane());
          if (owner.isPresent()) {
            e = new Event(owner.get(), e.pane(), e.cli(), e.event());
          }
        }
        seen.add(e);
        if (!rung.add(e.agent() + "\n" + e.event())) {
          continue; // the same turn end, rung once per agent whose hooks share the workdir
        }
        Event event = e;
        pool.slots().stream()
            .filter(s -> s.agent().equals(event.agent()) && s.taskId() != null)
            .findFirst()
            .ifPresent(s -> wake.accept(s.taskId(), "hook " + event.cli() + " " + event.event()));
      }
    }
    return seen;
  }

  private List<Path> files() {
    if (!Files.isDirectory(events)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(events)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Complete lines after the last offset; a half-written last line waits for the next look. */
  private List<String> newLines(Path f) {
    long from = offsets.getOrDefault(f, 0L);
    try (RandomAccessFile in = new RandomAccessFile(f.toFile(), "r")) {
      long size = in.length();
      if (size < from) {
        from = 0; // truncated: read it again from the start
      }
      byte[] bytes = new byte[(int) Math.min(size - from, 1 << 20)];
      in.seek(from);
      in.readFully(bytes);
      int end = lastNewline(bytes);
      offsets.put(f, from + end + 1);
      if (end < 0) {
        return List.of();
      }
      return new String(bytes, 0, end, StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static int lastNewline(byte[] bytes) {
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private Optional<Event> parse(String line, Path file) {
    try {
      JsonNode n = json.readTree(line);
      String agent = n.path("agent").asText("");
      if (agent.isEmpty()) {
        agent = file.getFileName().toString().replaceFirst("\\.jsonl$", "");
      }
      return Optional.of(
          new Event(
              agent,
              n.path("pane").asText(""),
              n.path("cli").asText(""),
              n.path("event").asText("")));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
