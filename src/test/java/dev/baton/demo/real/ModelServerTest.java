package dev.baton.demo.real;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The scripted server's Gemini API, spoken without a CLI: what Gemini CLI 0.61 sends, and what it
 * expects back.
 */
class ModelServerTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static final String PROMPT =
      "Task T-001: Create the model When you are done, update the file CLAUDE.md: 1. In the table";

  private static HttpResponse<String> post(ModelServer server, String path, String body)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aTaskPromptOpensATurnThatReadsTheBoardWithReadFile() throws Exception {
    try (ModelServer server = new ModelServer().workdir(Path.of("/w"))) {
      String body =
          """
          {"contents":[{"role":"user","parts":[{"text":"<session_context>x</session_context>"},{"text":"%s"}]}],
           "tools":[{"functionDeclarations":[{"name":"read_file"},{"name":"replace"}]}]}
          """
              .formatted(PROMPT);
      var r = post(server, "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", body);

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("content-type")).contains("text/event-stream");
      assertThat(r.body())
          .startsWith("data: {")
          .contains(
              "\"functionCall\":{\"name\":\"read_file\",\"args\":{\"file_path\":\"/w/CLAUDE.md\"}}")
          .contains("\"finishReason\":\"STOP\"");
      assertThat(server.promptsFor("T-001")).isEqualTo(1);
      assertThat(server.requests())
          .singleElement()
          .satisfies(q -> assertThat(q.model()).isEqualTo("gemini-2.5-flash"));
    }
  }

  @Test
  void aToolResultInTheTurnIsNotANewPrompt() throws Exception {
    try (ModelServer server = new ModelServer().workdir(Path.of("/w"))) {
      String body =
          """
          {"contents":[{"role":"user","parts":[{"text":"%s"}]},
            {"role":"model","parts":[{"functionCall":{"name":"read_file","args":{"file_path":"/w/CLAUDE.md"}}}]},
            {"role":"user","parts":[{"functionResponse":{"name":"read_file","response":{"output":"no board here"}}}]}],
           "tools":[{"functionDeclarations":[{"name":"read_file"}]}]}
          """
              .formatted(PROMPT);
      var r = post(server, "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", body);

      assertThat(server.promptsFor("T-001")).isZero();
      assertThat(r.body()).contains("functionCall").contains("read_file");
    }
  }

  @Test
  void aSideQuestionGetsTheSmallestJsonItsSchemaAllows() throws Exception {
    try (ModelServer server = new ModelServer()) {
      String body =
          """
          {"contents":[{"role":"user","parts":[{"text":"who speaks next?"}]}],
           "generationConfig":{"responseMimeType":"application/json","responseJsonSchema":{"type":"object",
             "properties":{"reasoning":{"type":"string"},"next_speaker":{"type":"string","enum":["model","user"]}}}}}
          """;
      var r = post(server, "/v1beta/models/gemini-2.5-flash:generateContent", body);

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body())
          .contains("\\\"next_speaker\\\":\\\"user\\\"")
          .contains("\\\"reasoning\\\":\\\"simple\\\"");
    }
  }

  @Test
  void aServerErrorTaskGetsTheGeminiErrorShapeThenItsAnswer() throws Exception {
    try (ModelServer server =
        new ModelServer()
            .workdir(Path.of("/w"))
            .mode("T-001", ModelServer.Mode.SERVER_ERROR)
            .serverErrors(1)) {
      String body =
          """
          {"contents":[{"role":"user","parts":[{"text":"%s"}]}],"tools":[{"functionDeclarations":[{"name":"read_file"}]}]}
          """
              .formatted(PROMPT);
      var first = post(server, "/v1beta/models/m:streamGenerateContent?alt=sse", body);
      var retry = post(server, "/v1beta/models/m:streamGenerateContent?alt=sse", body);

      assertThat(first.statusCode()).isEqualTo(500);
      assertThat(first.body()).contains("\"status\":\"INTERNAL\"");
      assertThat(retry.statusCode()).isEqualTo(200);
      assertThat(server.promptsFor("T-001")).isEqualTo(2);
    }
  }

  @Test
  void aConnectivityCheckByHeadGetsHeadersOnly() throws Exception {
    try (ModelServer server = new ModelServer()) {
      var r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(server.baseUrl() + "/"))
                  .method("HEAD", HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(r.body()).isEmpty();
      assertThat(server.baseUrl()).startsWith("http://127.0.0.1:");
    }
  }
}
