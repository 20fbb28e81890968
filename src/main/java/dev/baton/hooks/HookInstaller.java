package dev.baton.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.agents.CliKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a CLI's documented hook configuration into an agent's workdir (never into the user's home): Claude
 * Code's {@code .claude/settings.local.json} ({@code Stop}, {@code Notification}, {@code SessionStart}) and Gemini
 * CLI's {@code .gemini/settings.json} ({@code AfterAgent}, {@code Notification}, {@code SessionStart}). Codex reads
 * {@code notify} only from its global configuration, so for Codex nothing is written and the flag to start it with
 * is returned instead. Existing settings are kept; installing twice adds nothing.
 */
public final class HookInstaller {

  /** Where events go, relative to the workdir. */
  public static final String EVENTS_DIR = ".baton/events";

  /** The command every hook runs, relative to the workdir. */
  public static final String RING = ".baton/hooks/ring.sh";

  private static final String RING_SCRIPT =
      """
      #!/bin/sh
      # Baton's doorbell, run by the CLIs' hooks: ring.sh AGENT CLI EVENT appends one JSON line (agent, tmux pane,
      # CLI, event) to .baton/events/AGENT.jsonl. Baton answers by reading that agent's board row and screen at once.
      d="$(dirname "$0")/../events"
      mkdir -p "$d"
      printf '{"agent":"%s","pane":"%s","cli":"%s","event":"%s"}\\n' "$1" "$TMUX_PANE" "$2" "$3" >> "$d/$1.jsonl"
      """;

  private static final Map<CliKind, List<String>> EVENTS =
      Map.of(
          CliKind.CLAUDE, List.of("Stop", "Notification", "SessionStart"),
          CliKind.GEMINI, List.of("AfterAgent", "Notification", "SessionStart"));

  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param written files created or changed (empty when nothing needed writing)
   * @param note what the user still has to do, or null
   */
  public record Result(List<Path> written, String note) {}

  public Result install(CliKind kind, String agent, Path workdir) {
    Path dir = workdir.toAbsolutePath().normalize();
    Path ring = dir.resolve(RING);
    List<Path> written = new ArrayList<>();
    try {
      if (!Files.exists(ring) || !Files.readString(ring, StandardCharsets.UTF_8).equals(RING_SCRIPT)) {
        Files.createDirectories(ring.getParent());
        write(ring, RING_SCRIPT);
        written.add(ring);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + ring + ": " + e.getMessage(), e);
    }
    return switch (kind) {
      case CLAUDE -> merge(dir.resolve(".claude/settings.local.json"), kind, agent, ring, written);
      case GEMINI -> merge(dir.resolve(".gemini/settings.json"), kind, agent, ring, written);
      case CODEX ->
          new Result(
              written,
              "Codex reads notify only from its global ~/.codex/config.toml, so nothing was written there; start this"
                  + " agent's Codex with: codex -c 'notify=[\"sh\",\"" + ring + "\",\"" + safe(agent)
                  + "\",\"codex\",\"agent-turn-complete\"]'");
      default -> new Result(written, "no documented hooks for " + kind.id() + "; Baton reads its screen only");
    };
  }

  /** What a hook runs: {@code sh <workdir>/.baton/hooks/ring.sh AGENT CLI EVENT}. */
  static String command(CliKind kind, String agent, String event, Path ring) {
    return "sh '" + ring + "' '" + safe(agent) + "' " + kind.id() + " " + event;
  }

  /** A file name for an agent: letters, digits, dot, dash, underscore. */
  static String safe(String agent) {
    return agent.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private Result merge(Path settings, CliKind kind, String agent, Path ring, List<Path> written) {
    try {
      ObjectNode root;
      if (Files.exists(settings)) {
        JsonNode read = json.readTree(Files.readString(settings, StandardCharsets.UTF_8));
        if (!(read instanceof ObjectNode obj)) {
          throw new IllegalArgumentException(settings + ": not a JSON object; left as it is");
        }
        root = obj;
      } else {
        root = json.createObjectNode();
      }
      ObjectNode hooks = root.has("hooks") && root.get("hooks").isObject() ? (ObjectNode) root.get("hooks") : root.putObject("hooks");
      boolean changed = false;
      for (String event : EVENTS.get(kind)) {
        String cmd = command(kind, agent, event, ring);
        ArrayNode defs = hooks.has(event) && hooks.get(event).isArray() ? (ArrayNode) hooks.get(event) : hooks.putArray(event);
        if (!contains(defs, cmd)) {
          ObjectNode def = defs.addObject();
          def.putArray("hooks").addObject().put("type", "command").put("command", cmd);
          changed = true;
        }
      }
      if (changed) {
        Files.createDirectories(settings.getParent());
        write(settings, json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        written.add(settings);
      }
      return new Result(written, null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update " + settings + ": " + e.getMessage(), e);
    }
  }

  /** Atomically: a reader sees the old file or the new one, never half of it. */
  private static void write(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static boolean contains(ArrayNode defs, String cmd) {
    for (JsonNode def : defs) {
      for (JsonNode h : def.path("hooks")) {
        if (cmd.equals(h.path("command").asText())) {
          return true;
        }
      }
    }
    return false;
  }
}
