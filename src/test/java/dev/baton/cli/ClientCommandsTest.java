package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpServer;
import dev.baton.run.Happened;
import dev.baton.run.RunEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** submit, status and watch against a stand-in server that answers like {@code baton serve}. */
class ClientCommandsTest {
  private HttpServer server;
  private String url;
  private final Map<String, List<String>> answers = new ConcurrentHashMap<>();
  private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger polls = new AtomicInteger();
  private final Cli.Environment env = CliRunner.offline();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(
              key + " " + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
          List<String> list =
              answers.getOrDefault(
                  key, List.of("{\"status\":404,\"detail\":\"no run with id 'x'\"}"));
          int n = key.startsWith("GET /api/runs/") ? polls.getAndIncrement() : 0;
          byte[] out = list.get(Math.min(n, list.size() - 1)).getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(
              statuses.getOrDefault(key, answers.containsKey(key) ? 200 : 404), out.length);
          exchange.getResponseBody().write(out);
          exchange.close();
        });
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static String detail(String phase, boolean finished, String events, String report) {
    return """
        {"run":{"runId":"run-1","processInstanceKey":7,"phase":"%s","phaseLabel":"%s","finished":%s,
                "startedAt":"2026-01-02T10:00:00Z","request":"Build it"},
         "tasks":[{"id":"T-001","description":"a","priority":"MED","status":"COMPLETED","assignedTo":"AMP (w4)"}],
         "taskCounts":{"COMPLETED":1},
         "agents":[{"name":"AMP","target":"s:4","cli":"amp","state":"IDLE","taskId":null}],
         "events":[%s], "report":%s, "notes":[]}
        """
        .formatted(phase, phase, finished, events, report == null ? "null" : "\"" + report + "\"");
  }

  /**
   * Events as the server writes them: the stamped envelope, its derived fields and the typed facts.
   */
  private static final String E1 =
      json(
          new RunEvent(
              Instant.parse("2026-01-02T10:00:01Z"),
              "run-1",
              new Happened.RunStarted(2251799813685304L)));

  private static final String E2 =
      json(
          new RunEvent(
              Instant.parse("2026-01-02T10:00:09Z"),
              "run-1",
              new Happened.TaskCompleted("T-001", "AMP")));

  private static String json(RunEvent event) {
    try {
      return JsonMapper.builder()
          .findAndAddModules()
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build()
          .writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void submitPostsTheRequestWithOverridesAndTokenAndPrintsTheRunId() {
    answers.put(
        "POST /api/runs",
        List.of("{\"runId\":\"run-1\",\"processInstanceKey\":7,\"location\":\"/api/runs/run-1\"}"));
    statuses.put("POST /api/runs", 202);
    var r =
        CliRunner.run(
            env,
            "submit",
            "--url",
            url,
            "--token",
            "tok",
            "--inactive-polls",
            "4",
            "--poll-interval",
            "30s",
            "Build",
            "it");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().lines().findFirst()).contains("run-1");
    assertThat(r.out()).contains("baton watch run-1");
    assertThat(requests.getFirst())
        .startsWith("POST /api/runs Bearer tok ")
        .contains("\"request\":\"Build it\"")
        .contains("\"inactivePolls\":4")
        .contains("\"pollInterval\":\"PT30S\"");
  }

  @Test
  void statusListsRunsAndShowsOne() {
    answers.put(
        "GET /api/runs",
        List.of(
            "[{\"runId\":\"run-1\",\"processInstanceKey\":7,\"phase\":\"POLL\",\"phaseLabel\":\"3. Poll & redistribute\",\"finished\":false,\"startedAt\":\"2026-01-02T10:00:00Z\",\"request\":\"Build it\\nmore\"}]"));
    answers.put("GET /api/runs/run-1", List.of(detail("POLL", false, E1, null)));
    var list = CliRunner.run(env, "status", "--url", url);
    assertThat(list.exitCode()).isZero();
    assertThat(list.out())
        .contains("run-1")
        .contains("3. Poll & redistribute")
        .contains("Build it")
        .doesNotContain("more");
    var one = CliRunner.run(env, "status", "--url", url, "run-1");
    assertThat(one.exitCode()).isZero();
    assertThat(one.out()).contains("T-001").contains("COMPLETED").contains("AMP");
  }

  @Test
  void unknownRunIsOneSentenceFromTheProblem() {
    var r = CliRunner.run(env, "status", "--url", url, "nope");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().strip()).isEqualTo("baton: no run with id 'x'");
  }

  @Test
  void refusedTokenSaysHowToFixIt() {
    answers.put(
        "GET /api/runs", List.of("{\"status\":401,\"detail\":\"the bearer token is wrong\"}"));
    statuses.put("GET /api/runs", 401);
    var r = CliRunner.run(env, "status", "--url", url, "--token", "bad");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("the bearer token is wrong").contains("BATON_API_TOKEN");
  }

  @Test
  void noServerIsExit2WithAHint() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    var r = CliRunner.run(env, "status", "--url", "http://127.0.0.1:" + port);
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().strip())
        .isEqualTo(
            "baton: no Baton is serving at http://127.0.0.1:"
                + port
                + ": start one with 'baton serve' or set --url");
  }

  @Test
  void watchPrintsEachEventOnceUntilTheRunEndsThenTheReport() {
    answers.put(
        "GET /api/runs/run-1",
        List.of(
            detail("POLL", false, E1, null),
            detail("POLL", false, E1 + "," + E2, null),
            detail("DONE", true, E1 + "," + E2, "# Report")));
    var r = CliRunner.run(env, "watch", "--url", url, "--interval", "10ms", "run-1");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).doesNotContain("\u001b");
    assertThat(r.out().lines().filter(l -> l.contains("run started"))).hasSize(1);
    assertThat(r.out().lines().filter(l -> l.contains("T-001") && l.contains("COMPLETED by AMP")))
        .hasSize(1);
    assertThat(r.out()).contains("# Report").contains("Run run-1 ended: DONE");
  }

  @Test
  void watchPrintsANeedsYouAlertAsItComes() {
    String alert =
        json(
            new RunEvent(
                Instant.parse("2026-01-02T10:00:05Z"),
                "run-1",
                new Happened.NeedsYou(
                    null,
                    "Codex",
                    "dialog",
                    "a dialog or question is on its screen, which Baton does not answer",
                    "answer it in tmux window baton:6; Baton types nothing while it is there")));
    answers.put(
        "GET /api/runs/run-1",
        List.of(
            detail("POLL", false, E1 + "," + alert, null),
            detail("DONE", true, E1 + "," + alert, "# Report")));
    var r = CliRunner.run(env, "watch", "--url", url, "--interval", "10ms", "run-1");
    assertThat(
            r.out()
                .lines()
                .filter(
                    l ->
                        l.contains("needs-you")
                            && l.contains("needs you: Codex: a dialog")
                            && l.contains("answer it in tmux window baton:6")))
        .hasSize(1);
  }

  @Test
  void watchExits1WhenTheRunFails() {
    answers.put("GET /api/runs/run-1", List.of(detail("FAILED", true, E1, null)));
    var r = CliRunner.run(env, "watch", "--url", url, "run-1");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
  }
}
