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
 * Writes a CLI's documented hook configuration into an agent's workdir (never into the user's
 * home): Claude Code's {@code .claude/settings.local.json} ({@code Stop}, {@code Notification},
 * {@code SessionStart}) and Gemini CLI's {@code .gemini/settings.json} ({@code AfterAgent}, {@code
 * Notification}, {@code SessionStart}). Codex reads {@code notify} only from its global
 * configuration, so for Codex nothing is written and the flag to start it with is returned instead.
 * Existing settings are kept; installing twice adds nothing.
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

  /**
   * The optional Claude Code Stop hook that refuses the end of a turn while the agent's row is
   * IN_PROGRESS.
   */
  public static final String STOP_GUARD = ".baton/hooks/stop-guard.sh";

  /** How many times one task's stop may be refused. */
  static final int STOP_GUARD_LIMIT = 2;

  private static final String STOP_GUARD_SCRIPT =
      """
      #!/bin/sh
      # Baton's optional Claude Code Stop hook: stop-guard.sh AGENT BOARD [PANE] refuses the end of a turn while a row
      # of BOARD assigned to AGENT still says IN_PROGRESS, with a one-line reminder, at most %d times per task (counted
      # in .baton/hooks/stop-guard/). Claude Code reads {"decision":"block","reason":...} on stdout and goes on with
      # the reason as its next instruction; anything else lets the turn end. Agents sharing a workdir share its hooks:
      # with PANE (AGENT's tmux pane) the guard answers only for the CLI running in that pane.
      cat >/dev/null
      [ -z "$3" ] || [ -z "$TMUX_PANE" ] || [ "$TMUX_PANE" = "$3" ] || exit 0
      dir="$(dirname "$0")"
      [ -f "$2" ] || exit 0
      task=$(awk -F'|' -v a="$1" '
        $2 ~ /^ *T-[0-9]+ *$/ {
          id = $2; who = $4; st = $6
          gsub(/^ +| +$/, "", id); gsub(/^ +| +$/, "", who); gsub(/^ +| +$/, "", st)
          if (st == "IN_PROGRESS" && (who == a || index(who, a " (") == 1)) { print id; exit }
        }' "$2")
      [ -n "$task" ] || exit 0
      mkdir -p "$dir/stop-guard"
      count="$dir/stop-guard/$1-$task"
      n=$(cat "$count" 2>/dev/null || echo 0)
      [ "$n" -lt %d ] || exit 0
      echo $((n + 1)) > "$count"
      printf '{"decision":"block","reason":"%%s is still IN_PROGRESS in %%s: set its Status to COMPLETED or BLOCKED and add its line to the Task Completion Log before you stop."}\\n' "$task" "$(basename "$2")"
      """
          .formatted(STOP_GUARD_LIMIT, STOP_GUARD_LIMIT);

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
    return install(kind, agent, workdir, null, null);
  }

  /**
   * @param stopGuardBoard for Claude Code, also install the Stop hook that refuses the end of a
   *     turn (at most {@value #STOP_GUARD_LIMIT} times per task) while this board still shows the
   *     agent's row IN_PROGRESS; null for none
   * @param pane the agent's tmux pane id ({@code %7}), so that the guard answers only in it; null
   *     when unknown
   */
  public Result install(
      CliKind kind, String agent, Path workdir, Path stopGuardBoard, String pane) {
    Path dir = workdir.toAbsolutePath().normalize();
    Path ring = dir.resolve(RING);
    List<Path> written = new ArrayList<>();
    try {
      if (!Files.exists(ring)
          || !Files.readString(ring, StandardCharsets.UTF_8).equals(RING_SCRIPT)) {
        Files.createDirectories(ring.getParent());
        write(ring, RING_SCRIPT);
        written.add(ring);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + ring + ": " + e.getMessage(), e);
    }
    List<String> extraStop = List.of();
    if (stopGuardBoard != null && kind == CliKind.CLAUDE) {
      Path guard = dir.resolve(STOP_GUARD);
      try {
        if (!Files.exists(guard)
            || !Files.readString(guard, StandardCharsets.UTF_8).equals(STOP_GUARD_SCRIPT)) {
          write(guard, STOP_GUARD_SCRIPT);
          written.add(guard);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + guard + ": " + e.getMessage(), e);
      }
      extraStop =
          List.of(
              "sh '"
                  + guard
                  + "' '"
                  + agent.replace("'", "")
                  + "' '"
                  + stopGuardBoard.toAbsolutePath()
                  + "'"
                  + (pane == null || !pane.matches("%\\d+") ? "" : " '" + pane + "'"));
    }
    return switch (kind) {
      case CLAUDE ->
          merge(dir.resolve(".claude/settings.local.json"), kind, agent, ring, written, extraStop);
      case GEMINI ->
          merge(dir.resolve(".gemini/settings.json"), kind, agent, ring, written, List.of());
      case CODEX ->
          new Result(
              written,
              "Codex reads notify only from its global ~/.codex/config.toml, so nothing was written there; start this"
                  + " agent's Codex with: codex -c 'notify=[\"sh\",\""
                  + ring
                  + "\",\""
                  + safe(agent)
                  + "\",\"codex\",\"agent-turn-complete\"]'");
      default ->
          new Result(
              written, "no documented hooks for " + kind.id() + "; Baton reads its screen only");
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

  private Result merge(
      Path settings,
      CliKind kind,
      String agent,
      Path ring,
      List<Path> written,
      List<String> extraStop) {
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
      ObjectNode hooks =
          root.has("hooks") && root.get("hooks").isObject()
              ? (ObjectNode) root.get("hooks")
              : root.putObject("hooks");
      boolean changed = false;
      List<String[]> entries = new ArrayList<>();
      for (String event : EVENTS.get(kind)) {
        entries.add(new String[] {event, command(kind, agent, event, ring)});
      }
      for (String cmd : extraStop) {
        entries.add(new String[] {"Stop", cmd});
      }
      for (String[] entry : entries) {
        String event = entry[0];
        String cmd = entry[1];
        ArrayNode defs =
            hooks.has(event) && hooks.get(event).isArray()
                ? (ArrayNode) hooks.get(event)
                : hooks.putArray(event);
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
