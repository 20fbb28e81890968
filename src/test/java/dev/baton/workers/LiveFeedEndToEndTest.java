package dev.baton.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.workers.Team.Member;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A served Baton's live feed of a run (server-sent events) on a real team, behind the API token:
 * every part arrives, each transition within 1 s of happening, and an agent stuck in a dialog
 * becomes a "needs you" alert everywhere it should (feed, run event, notify command, metric).
 */
@Tag("end-to-end")
class LiveFeedEndToEndTest {
  private static final String TOKEN = "s3cret-token";
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  record Part(String name, JsonNode data, Instant at) {}

  @Test
  void aRunsFeedCarriesEveryPartWithinASecondBehindTheToken(@TempDir Path dir) throws Exception {
    Path script = Files.writeString(dir.resolve("notify.sh"), "#!/bin/sh\ncat >> \"$1\"\n");
    script.toFile().setExecutable(true);
    Path notified = dir.resolve("notified.jsonl");
    try (Team t =
        new Team(
                dir,
                List.of(
                    Member.lead("A1", "--work", "300ms"),
                    Member.of("A2", "--work", "300ms"),
                    Member.of("Asker", "--trust-dialog")))
            .with(
                "--baton.api.token=" + TOKEN,
                "--baton.tmux.submit-delay=150ms",
                "--baton.live.alert-interval=300ms",
                "--baton.notify-command=" + script + "," + notified)
            .serve()) {
      String base = "http://127.0.0.1:" + t.port();
      Map<String, Instant> emitted = new ConcurrentHashMap<>();
      t.bean(dev.baton.run.RunEvents.class)
          .subscribe(e -> emitted.put(e.at() + " " + e.message(), Instant.now()));

      assertThat(get(base + "/api/runs", null).statusCode()).isEqualTo(401);
      assertThat(get(base + "/bpmn-viewer.js", null).statusCode())
          .isEqualTo(200); // the page's files need no token
      HttpResponse<String> started =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/api/runs"))
                  .header("Authorization", "Bearer " + TOKEN)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"request\":\"- one\\n- two\\n- three\",\"pollInterval\":\"PT5S\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(started.statusCode()).isEqualTo(202);
      String runId = json.readTree(started.body()).get("runId").asText();
      String live = base + "/api/runs/" + runId + "/live";
      assertThat(get(live, null).statusCode()).isEqualTo(401);
      assertThat(get(live + "?token=" + TOKEN, null).statusCode())
          .isEqualTo(401); // never a token in a URL

      List<Part> parts = new CopyOnWriteArrayList<>();
      Instant opened = Instant.now();
      HttpResponse<Stream<String>> feed =
          http.send(
              HttpRequest.newBuilder(URI.create(live))
                  .header("Authorization", "Bearer " + TOKEN)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofLines());
      assertThat(feed.statusCode()).isEqualTo(200);
      assertThat(feed.headers().firstValue("Content-Type"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
      Thread reader =
          Thread.ofVirtual()
              .start(
                  () -> {
                    String[] name = {null};
                    feed.body()
                        .forEach(
                            line -> {
                              if (line.startsWith("event:")) {
                                name[0] = line.substring(6).strip();
                              } else if (line.startsWith("data:")) {
                                try {
                                  parts.add(
                                      new Part(
                                          name[0],
                                          json.readTree(line.substring(5)),
                                          Instant.now()));
                                } catch (Exception e) {
                                  throw new IllegalStateException(e);
                                }
                              }
                            });
                  });

      await()
          .atMost(Duration.ofMinutes(3))
          .until(() -> parts.stream().anyMatch(p -> p.name().equals("report")));
      reader.interrupt();

      // element statistics: tokens seen on the way, the instance ended with completed elements
      assertThat(of(parts, "statistics"))
          .anySatisfy(
              s ->
                  assertThat(s.at("/instance/items").findValues("active"))
                      .anySatisfy(n -> assertThat(n.asLong()).isPositive()));
      JsonNode last = of(parts, "statistics").getLast();
      assertThat(last.at("/instance/ended").asBoolean()).isTrue();
      assertThat(last.at("/instance/sequenceFlows").size()).isPositive();
      assertThat(last.at("/source").asText()).contains("record stream");
      // the run's rows with the board's problems, the agents with state and rule
      assertThat(of(parts, "board").getLast().get("tasks").size()).isGreaterThanOrEqualTo(3);
      assertThat(of(parts, "board").getLast().has("problems")).isTrue();
      assertThat(of(parts, "agents"))
          .anySatisfy(
              list ->
                  assertThat(list.findValues("name"))
                      .extracting(JsonNode::asText)
                      .contains("Asker"));
      JsonNode asker = findAgent(of(parts, "agents").getLast(), "Asker");
      assertThat(asker.get("state").asText()).isEqualTo("WAITING_FOR_USER");
      assertThat(asker.get("rule").asText()).containsIgnoringCase("trust");
      // the alert: on the feed, as a run event, to the notify command, as a metric
      assertThat(of(parts, "alerts"))
          .anySatisfy(
              list ->
                  assertThat(list.toString()).contains("\"kind\":\"dialog\"").contains("Asker"));
      List<JsonNode> transitions = new ArrayList<>();
      of(parts, "events").forEach(batch -> batch.forEach(transitions::add));
      assertThat(transitions)
          .anySatisfy(
              e -> {
                assertThat(e.get("kind").asText()).isEqualTo("needs-you");
                assertThat(e.get("message").asText()).contains("Asker").contains("dialog");
              });
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> Files.exists(notified) && Files.readString(notified).contains("\"dialog\""));
      assertThat(
              t.bean(io.micrometer.core.instrument.MeterRegistry.class)
                  .find("baton.alerts")
                  .tag("kind", "dialog")
                  .counter()
                  .count())
          .isGreaterThanOrEqualTo(1);
      assertThat(of(parts, "report").getLast().get("text").asText()).contains("T-001");

      // each transition reached the feed within 1 s of happening
      List<Long> delays = new ArrayList<>();
      for (Part p : parts) {
        if (p.name().equals("events")) {
          for (JsonNode e : p.data()) {
            Instant at = emitted.get(e.get("at").asText() + " " + e.get("message").asText());
            if (at != null && at.isAfter(opened)) { // not the history the feed begins with
              delays.add(Duration.between(at, p.at()).toMillis());
            }
          }
        }
      }
      assertThat(delays).hasSizeGreaterThan(10);
      System.out.println(
          "live feed: transition -> pushed, max "
              + delays.stream().mapToLong(Long::longValue).max().orElse(-1)
              + " ms over "
              + delays.size());
      assertThat(delays).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(1000));
    }
  }

  private static JsonNode findAgent(JsonNode agents, String name) {
    for (JsonNode a : agents) {
      if (a.get("name").asText().equals(name)) {
        return a;
      }
    }
    throw new AssertionError("no agent " + name + " in " + agents);
  }

  private static List<JsonNode> of(List<Part> parts, String name) {
    return parts.stream().filter(p -> name.equals(p.name())).map(Part::data).toList();
  }

  private HttpResponse<String> get(String url, String token) throws Exception {
    var b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
