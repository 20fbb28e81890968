package dev.baton.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** The REST API of a running {@code baton serve}, as the client commands use it. */
final class ApiClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final String base;
  private final String token;
  private final HttpClient http;
  private final ObjectMapper json =
      JsonMapper.builder()
          .findAndAddModules()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .build();

  ApiClient(ServerOptions server, HttpClient http) {
    String url = server.url == null ? "" : server.url.strip();
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw new CliFailure(
          ExitCodes.USAGE, "--url must start with http:// or https://, got '" + url + "'");
    }
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.token = server.token == null || server.token.isBlank() ? null : server.token.strip();
    this.http = http;
  }

  <T> T get(String path, Class<T> type) {
    return send(request(path).GET().build(), type);
  }

  <T> T post(String path, Object body, Class<T> type) {
    try {
      String text = json.writeValueAsString(body);
      return send(
          request(path)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(text))
              .build(),
          type);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  ObjectMapper json() {
    return json;
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(TIMEOUT)
            .header("Accept", "application/json");
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private <T> T send(HttpRequest request, Class<T> type) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new CliFailure(
          ExitCodes.USAGE,
          "no Baton is serving at " + base + ": start one with 'baton serve' or set --url");
    } catch (HttpTimeoutException e) {
      throw new CliFailure(
          ExitCodes.USAGE,
          "Baton at " + base + " did not answer within " + TIMEOUT.toSeconds() + " s");
    } catch (IOException e) {
      throw new CliFailure(
          ExitCodes.USAGE, "cannot reach Baton at " + base + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(ExitCodes.RUN_FAILED, "interrupted while talking to " + base);
    }
    int status = response.statusCode();
    if (status / 100 != 2) {
      String detail = detail(response.body());
      if (status == 401) {
        throw new CliFailure(
            ExitCodes.USAGE,
            "Baton at "
                + base
                + " refused the request: "
                + detail
                + " (set --token or BATON_API_TOKEN)");
      }
      throw new CliFailure(status / 100 == 4 ? ExitCodes.USAGE : ExitCodes.RUN_FAILED, detail);
    }
    try {
      return json.readValue(response.body(), type);
    } catch (IOException e) {
      throw new CliFailure(
          ExitCodes.RUN_FAILED, base + " answered something that is not Baton's JSON");
    }
  }

  private String detail(String body) {
    try {
      JsonNode problem = json.readTree(body);
      if (problem != null && problem.hasNonNull("detail")) {
        return problem.get("detail").asText();
      }
    } catch (IOException ignored) {
      // not a problem document: fall through to the raw status
    }
    return "HTTP error"
        + (body == null || body.isBlank() ? "" : ": " + body.lines().findFirst().orElse(""));
  }
}
