package dev.baton.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.agents.AgentPool;
import dev.baton.agents.CliKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hook configuration written into a workdir, the ring script the hooks run, and the doorbell that
 * answers.
 */
class HooksTest {

  @TempDir Path workdir;

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void claudeHooksAreMergedIntoTheWorkdirSettingsOnce() throws Exception {
    Path settings = workdir.resolve(".claude/settings.local.json");
    Files.createDirectories(settings.getParent());
    Files.writeString(settings, "{\"permissions\":{\"allow\":[\"Bash(ls:*)\"]}}");

    HookInstaller.Result first = new HookInstaller().install(CliKind.CLAUDE, "Claude", workdir);
    HookInstaller.Result again = new HookInstaller().install(CliKind.CLAUDE, "Claude", workdir);

    assertThat(first.written()).contains(settings, workdir.resolve(HookInstaller.RING));
    assertThat(again.written()).isEmpty();
    JsonNode root = json.readTree(Files.readString(settings));
    assertThat(root.path("permissions").path("allow").get(0).asText()).isEqualTo("Bash(ls:*)");
    for (String event : List.of("Stop", "Notification", "SessionStart")) {
      assertThat(root.path("hooks").path(event)).hasSize(1);
      assertThat(
              root.path("hooks").path(event).get(0).path("hooks").get(0).path("command").asText())
          .contains(".baton/hooks/ring.sh' 'Claude' claude " + event);
    }
  }

  @Test
  void geminiHooksGoToTheWorkdirGeminiSettingsAndCodexOnlyGetsTheFlag() throws Exception {
    new HookInstaller().install(CliKind.GEMINI, "Gemini", workdir);
    JsonNode root = json.readTree(Files.readString(workdir.resolve(".gemini/settings.json")));
    assertThat(root.path("hooks").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("AfterAgent", "Notification", "SessionStart");

    HookInstaller.Result codex = new HookInstaller().install(CliKind.CODEX, "Codex", workdir);
    assertThat(codex.note())
        .contains("codex -c 'notify=[\"sh\",")
        .contains("\"Codex\",\"codex\",\"agent-turn-complete\"]'");
    assertThat(workdir.resolve(".codex")).doesNotExist();
  }

  @Test
  void theRingScriptAppendsOneJsonLinePerEvent() throws Exception {
    new HookInstaller().install(CliKind.CLAUDE, "AMP-2", workdir);
    ProcessBuilder pb =
        new ProcessBuilder(
            "sh", workdir.resolve(HookInstaller.RING).toString(), "AMP-2", "claude", "Stop");
    pb.environment().put("TMUX_PANE", "%7");
    assertThat(pb.start().waitFor()).isZero();
    List<String> lines = Files.readAllLines(workdir.resolve(".baton/events/AMP-2.jsonl"));
    assertThat(lines)
        .containsExactly(
            "{\"agent\":\"AMP-2\",\"pane\":\"%7\",\"cli\":\"claude\",\"event\":\"Stop\"}");
  }

  @Test
  void theStopGuardRefusesAStopWhileTheAgentsRowIsInProgressAtMostTwicePerTask() throws Exception {
    Path board = workdir.resolve("CLAUDE.md");
    String row = "| T-004 | Write the parser | Claude (w1) | HIGH | %s | 2026-12-03 |\n";
    String table =
        "| ID | Task | Assigned To | Priority | Status | Created |\n|----|----|----|----|----|----|\n"
            + "| T-003 | Other | AMP (w2) | HIGH | IN_PROGRESS | 2026-12-03 |\n";
    Files.writeString(board, table + row.formatted("IN_PROGRESS"));
    new HookInstaller().install(CliKind.CLAUDE, "Claude", workdir, board, "%5");

    JsonNode stop =
        json.readTree(Files.readString(workdir.resolve(".claude/settings.local.json")))
            .path("hooks")
            .path("Stop");
    assertThat(stop).hasSize(2);
    String guard = stop.get(1).path("hooks").get(0).path("command").asText();
    assertThat(guard)
        .contains(HookInstaller.STOP_GUARD)
        .contains("'Claude'")
        .contains(board.toString())
        .endsWith("'%5'");

    String reminder =
        "{\"decision\":\"block\",\"reason\":\"T-004 is still IN_PROGRESS in CLAUDE.md: set its Status to COMPLETED or"
            + " BLOCKED and add its line to the Task Completion Log before you stop.\"}";
    assertThat(stopHook(guard)).isEqualTo(reminder);
    assertThat(stopHook(guard)).isEqualTo(reminder);
    assertThat(stopHook(guard))
        .as("a third refusal would keep the agent from ever stopping")
        .isEmpty();

    Files.writeString(board, table + row.formatted("IN_PROGRESS").replace("T-004", "T-005"));
    assertThat(stopHook(guard)).as("the count is per task").contains("T-005 is still IN_PROGRESS");
    assertThat(stopHook(guard, "%6")).as("another agent's CLI running the shared hooks").isEmpty();
    Files.writeString(board, table + row.formatted("COMPLETED").replace("T-004", "T-006"));
    assertThat(stopHook(guard)).as("AMP's row is not Claude's business").isEmpty();
  }

  @Test
  void agentsSharingAWorkdirRunEachOthersHooksAndThePaneSaysWhoseTurnEnded() throws Exception {
    AgentPool pool =
        new AgentPool(
            List.of("Claude", "Claude-2"),
            Clock.systemUTC(),
            a -> true,
            (t, a) -> {},
            Set::copyOf,
            Duration.ofSeconds(30));
    String first = pool.reserve(new AgentPool.Waiting("T-001", 1, 1, null)).orElseThrow();
    String second = pool.reserve(new AgentPool.Waiting("T-002", 1, 1, null)).orElseThrow();
    String firstTask = "T-001";
    String secondTask = "T-002";
    new HookInstaller().install(CliKind.CLAUDE, "Claude", workdir);
    new HookInstaller().install(CliKind.CLAUDE, "Claude-2", workdir);
    List<String> woken = new ArrayList<>();
    HookDoorbell bell =
        new HookDoorbell(
            workdir,
            pool,
            (task, why) -> woken.add(task),
            pane ->
                java.util.Optional.ofNullable(
                    java.util.Map.of("%3", first, "%4", second).get(pane)));
    bell.skipExisting();
    // the second agent's CLI ends its turn and runs both agents' Stop hooks, as one settings file
    // lists both
    for (String named : List.of("Claude", "Claude-2")) {
      ProcessBuilder pb =
          new ProcessBuilder(
              "sh", workdir.resolve(HookInstaller.RING).toString(), named, "claude", "Stop");
      pb.environment().put("TMUX_PANE", "%4");
      assertThat(pb.start().waitFor()).isZero();
    }

    assertThat(bell.check()).extracting(HookDoorbell.Event::agent).containsOnly(second);
    assertThat(woken).containsExactly(secondTask).doesNotContain(firstTask);
  }

  /**
   * Runs a Stop hook command as Claude Code does (a shell, the hook's JSON on stdin) and returns
   * its stdout.
   */
  private String stopHook(String command) throws Exception {
    return stopHook(command, "%5");
  }

  private String stopHook(String command, String pane) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).directory(workdir.toFile());
    pb.environment().put("TMUX_PANE", pane);
    Process p = pb.start();
    try (var in = p.getOutputStream()) {
      in.write(
          "{\"hook_event_name\":\"Stop\",\"stop_hook_active\":false}"
              .getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor()).isZero();
    return out;
  }

  @Test
  void anEventWakesThePollOfTheTaskItsAgentHoldsAndOldOrHalfLinesDoNot() throws Exception {
    AgentPool pool =
        new AgentPool(
            List.of("Claude", "AMP"),
            Clock.systemUTC(),
            a -> true,
            (t, a) -> {},
            Set::copyOf,
            Duration.ofSeconds(30));
    String holder = pool.reserve(new AgentPool.Waiting("T-001", 1, 1, null)).orElseThrow();
    String idle = holder.equals("Claude") ? "AMP" : "Claude";
    Path events = workdir.resolve(".baton/events");
    Files.createDirectories(events);
    Path file = events.resolve(holder + ".jsonl");
    Files.writeString(file, "{\"agent\":\"" + holder + "\",\"event\":\"Stop\"}\n");
    List<String> woken = new ArrayList<>();
    HookDoorbell bell = new HookDoorbell(workdir, pool, (task, why) -> woken.add(task + " " + why));
    bell.skipExisting();
    assertThat(bell.check()).isEmpty();

    append(
        file,
        "{\"agent\":\""
            + holder
            + "\",\"pane\":\"%1\",\"cli\":\"claude\",\"event\":\"Stop\"}\n{\"ag");
    // an agent without a task rings for nothing
    append(
        events.resolve(idle + ".jsonl"),
        "{\"agent\":\"" + idle + "\",\"cli\":\"codex\",\"event\":\"Stop\"}\n");
    assertThat(bell.check()).extracting(HookDoorbell.Event::event).containsExactly("Stop", "Stop");
    assertThat(woken).containsExactly("T-001 hook claude Stop");

    // the half-written line is read once complete; a line that is not JSON is skipped
    append(
        file,
        "ent\":\"" + holder + "\",\"cli\":\"claude\",\"event\":\"Notification\"}\nnot json\n");
    assertThat(bell.check()).extracting(HookDoorbell.Event::event).containsExactly("Notification");
    assertThat(woken).containsExactly("T-001 hook claude Stop", "T-001 hook claude Notification");
  }

  private static void append(Path file, String text) throws Exception {
    Files.writeString(
        file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
