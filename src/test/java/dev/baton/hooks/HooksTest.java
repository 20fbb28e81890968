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

/** Hook configuration written into a workdir, the ring script the hooks run, and the doorbell that answers. */
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
      assertThat(root.path("hooks").path(event).get(0).path("hooks").get(0).path("command").asText())
          .contains(".baton/hooks/ring.sh' 'Claude' claude " + event);
    }
  }

  @Test
  void geminiHooksGoToTheWorkdirGeminiSettingsAndCodexOnlyGetsTheFlag() throws Exception {
    new HookInstaller().install(CliKind.GEMINI, "Gemini", workdir);
    JsonNode root = json.readTree(Files.readString(workdir.resolve(".gemini/settings.json")));
    assertThat(root.path("hooks").fieldNames()).toIterable().containsExactlyInAnyOrder("AfterAgent", "Notification", "SessionStart");

    HookInstaller.Result codex = new HookInstaller().install(CliKind.CODEX, "Codex", workdir);
    assertThat(codex.note()).contains("codex -c 'notify=[\"sh\",").contains("\"Codex\",\"codex\",\"agent-turn-complete\"]'");
    assertThat(workdir.resolve(".codex")).doesNotExist();
  }

  @Test
  void theRingScriptAppendsOneJsonLinePerEvent() throws Exception {
    new HookInstaller().install(CliKind.CLAUDE, "AMP-2", workdir);
    ProcessBuilder pb = new ProcessBuilder("sh", workdir.resolve(HookInstaller.RING).toString(), "AMP-2", "claude", "Stop");
    pb.environment().put("TMUX_PANE", "%7");
    assertThat(pb.start().waitFor()).isZero();
    List<String> lines = Files.readAllLines(workdir.resolve(".baton/events/AMP-2.jsonl"));
    assertThat(lines).containsExactly("{\"agent\":\"AMP-2\",\"pane\":\"%7\",\"cli\":\"claude\",\"event\":\"Stop\"}");
  }

  @Test
  void anEventWakesThePollOfTheTaskItsAgentHoldsAndOldOrHalfLinesDoNot() throws Exception {
    AgentPool pool =
        new AgentPool(
            List.of("Claude", "AMP"), Clock.systemUTC(), a -> true, (t, a) -> {}, Set::copyOf, Duration.ofSeconds(30));
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

    append(file, "{\"agent\":\"" + holder + "\",\"pane\":\"%1\",\"cli\":\"claude\",\"event\":\"Stop\"}\n{\"ag");
    // an agent without a task rings for nothing
    append(events.resolve(idle + ".jsonl"), "{\"agent\":\"" + idle + "\",\"cli\":\"codex\",\"event\":\"Stop\"}\n");
    assertThat(bell.check()).extracting(HookDoorbell.Event::event).containsExactly("Stop", "Stop");
    assertThat(woken).containsExactly("T-001 hook claude Stop");

    // the half-written line is read once complete; a line that is not JSON is skipped
    append(file, "ent\":\"" + holder + "\",\"cli\":\"claude\",\"event\":\"Notification\"}\nnot json\n");
    assertThat(bell.check()).extracting(HookDoorbell.Event::event).containsExactly("Notification");
    assertThat(woken).containsExactly("T-001 hook claude Stop", "T-001 hook claude Notification");
  }

  private static void append(Path file, String text) throws Exception {
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
