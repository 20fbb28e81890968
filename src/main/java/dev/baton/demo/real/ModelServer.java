package dev.baton.demo.real;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.baton.demo.real.TaskTurns.Finish;
import dev.baton.demo.real.TaskTurns.Read;
import dev.baton.demo.real.TaskTurns.Replace;
import dev.baton.demo.real.TaskTurns.Shell;
import dev.baton.demo.real.TaskTurns.Step;
import dev.baton.demo.real.TaskTurns.TaskPrompt;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model server on 127.0.0.1 that the real agent CLIs talk to with a fake key: the Anthropic
 * Messages API (Claude Code), the OpenAI Responses API (Codex) and the Gemini API (Gemini CLI), all
 * streamed as server-sent events. It serves the real-CLI tests and {@code baton demo --real}; it
 * never listens beyond loopback. Its answers follow {@link TaskTurns}, so a CLI given one of
 * Baton's task prompts reads the board and edits it with its own tools. Every request is logged, so
 * a test can count how often each task's prompt really reached a model.
 */
public final class ModelServer implements AutoCloseable {

  /**
   * One request as received: when, which API, the task whose prompt it carried as the newest user
   * message.
   */
  public record Request(
      Instant at,
      String api,
      String path,
      String model,
      Optional<String> promptFor,
      String body,
      List<String> shellRan) {}

  /**
   * How the server answers a task's prompt: normally, slowly, never finishing, with a rate limit
   * first, with server errors first ({@link #serverErrors}), with a first turn that asks to run a
   * command the CLI must have approved ({@link #permissionCommand}), or with a first turn that ends
   * the task BLOCKED with a note ({@link #blockedNote}).
   */
  public enum Mode {
    NORMAL,
    SLOW,
    HANG,
    RATE_LIMITED_ONCE,
    SERVER_ERROR,
    NEEDS_PERMISSION,
    BLOCKED_ONCE
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NUMBERED = Pattern.compile("^\\s*\\d+[→\\t](.*)$");

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Mode> modes = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> rateLimited = new ConcurrentHashMap<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicInteger ids = new AtomicInteger();
  private volatile Duration slowDelta = Duration.ofMillis(400);
  private volatile java.nio.file.Path workdir = java.nio.file.Path.of("").toAbsolutePath();
  private final Map<String, AtomicInteger> turns = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final Map<String, java.util.concurrent.atomic.AtomicLong> started =
      new ConcurrentHashMap<>();
  private static final ThreadLocal<String> ANSWERING = new ThreadLocal<>();

  /**
   * What the server was doing for one API at an instant: how many agent-loop requests (a task's
   * turn) it was answering, and how many it had begun in all; two snapshots with the same count and
   * requests open in both saw one answer under way the whole time.
   */
  public record Activity(int open, long begun) {}

  public Activity activity(String api) {
    return new Activity(
        inFlight.getOrDefault(api, new AtomicInteger()).get(),
        started.getOrDefault(api, new java.util.concurrent.atomic.AtomicLong()).get());
  }

  /** Counts an agent-loop request as under way until its handler returns. */
  private void answering(String api) {
    inFlight.computeIfAbsent(api, k -> new AtomicInteger()).incrementAndGet();
    started
        .computeIfAbsent(api, k -> new java.util.concurrent.atomic.AtomicLong())
        .incrementAndGet();
    ANSWERING.set(api);
  }

  private final Map<String, AtomicInteger> failed = new ConcurrentHashMap<>();
  private volatile int serverErrors = 2;
  private volatile String testCommand;
  private volatile String permissionCommand = "make deploy";
  private volatile String blockedNote = "technical error: the build server does not answer";

  public ModelServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  /** The base URL without a path, e.g. {@code http://127.0.0.1:40123}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private final Map<String, AtomicInteger> apiLimits = new ConcurrentHashMap<>();

  /**
   * The first task prompt that reaches this API ({@code responses} or {@code anthropic}) gets a 429
   * in its shape.
   */
  public ModelServer rateLimitFirstPrompt(String api) {
    apiLimits.put(api, new AtomicInteger(1));
    return this;
  }

  private boolean limitNow(String api, boolean opensTurn) {
    AtomicInteger left = apiLimits.get(api);
    return opensTurn && left != null && left.getAndDecrement() > 0;
  }

  public ModelServer mode(String taskId, Mode mode) {
    modes.put(taskId, mode);
    return this;
  }

  /**
   * The folder the CLIs work in: Baton names the board relative to it, the CLIs' edit tools want it
   * absolute.
   */
  public ModelServer workdir(java.nio.file.Path dir) {
    this.workdir = dir.toAbsolutePath();
    return this;
  }

  /**
   * On a test task's prompt, run this command with the CLI's shell tool before writing the verdict.
   */
  public ModelServer testCommand(String command) {
    this.testCommand = command;
    return this;
  }

  /** How many 500s a {@link Mode#SERVER_ERROR} task's prompt gets before it is answered. */
  public ModelServer serverErrors(int count) {
    this.serverErrors = count;
    return this;
  }

  public ModelServer permissionCommand(String command) {
    this.permissionCommand = command;
    return this;
  }

  public ModelServer blockedNote(String note) {
    this.blockedNote = note;
    return this;
  }

  public String permissionCommand() {
    return permissionCommand;
  }

  public String blockedNote() {
    return blockedNote;
  }

  /**
   * Requests that carried the result of this shell command back to the model, i.e. the CLI ran it.
   */
  public long shellResults(String command) {
    return requests.stream()
        .filter(r -> r.shellRan().stream().anyMatch(c -> c.contains(command)))
        .count();
  }

  public ModelServer slowDelta(Duration delay) {
    this.slowDelta = delay;
    return this;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /**
   * Requests whose newest user message was the prompt of {@code taskId}: one per submission
   * reaching the model.
   */
  public long promptsFor(String taskId) {
    return requests.stream().filter(r -> r.promptFor().equals(Optional.of(taskId))).count();
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = ex.getRequestURI().getPath();
      if (!ex.getRequestMethod().equals("POST")) {
        log("other", path, null, Optional.empty(), body);
        plain(
            ex,
            path.endsWith("/models") ? 200 : 404,
            path.endsWith("/models") ? "{\"data\":[],\"object\":\"list\"}" : "{}");
        return;
      }
      JsonNode req = body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
      if (path.endsWith("/v1/messages/count_tokens")) {
        log("anthropic", path, req, Optional.empty(), body);
        plain(ex, 200, "{\"input_tokens\":" + Math.max(1, body.length() / 4) + "}");
      } else if (path.endsWith("/v1/messages")) {
        anthropic(ex, path, req, body);
      } else if (path.endsWith("/responses")) {
        responses(ex, path, req, body);
      } else if (path.contains("/models/") && path.endsWith(":countTokens")) {
        log("gemini", path, req, Optional.empty(), body);
        plain(ex, 200, "{\"totalTokens\":" + Math.max(1, body.length() / 4) + "}");
      } else if (path.contains("/models/") && path.contains(":")) {
        gemini(ex, path, req, body);
      } else {
        log("other", path, req, Optional.empty(), body);
        plain(ex, 404, "{\"error\":{\"message\":\"not found\"}}");
      }
    } catch (IOException | RuntimeException e) {
      // a CLI that hangs up mid-stream (interrupted by Baton) is normal
    } finally {
      String api = ANSWERING.get();
      if (api != null) {
        inFlight.get(api).decrementAndGet();
        ANSWERING.remove();
      }
    }
  }

  /** Notes on a logged request the shell commands whose results it carried. */
  private void shells(int logged, List<TaskTurns.ToolEvent> events) {
    List<String> ran =
        events.stream()
            .filter(TaskTurns.ToolEvent::isShell)
            .map(TaskTurns.ToolEvent::command)
            .toList();
    if (!ran.isEmpty()) {
      Request r = requests.get(logged);
      requests.set(
          logged, new Request(r.at(), r.api(), r.path(), r.model(), r.promptFor(), r.body(), ran));
    }
  }

  /**
   * The next step of a task's turn, with the variants: the approval-needing command, the tests, a
   * BLOCKED end.
   */
  private Step plan(
      int logged,
      TaskPrompt prompt,
      Optional<String> board,
      List<TaskTurns.ToolEvent> events,
      Mode mode) {
    shells(logged, events);
    if (TaskTurns.givesUp(events)) {
      return new Finish("The board keeps changing under my edits.");
    }
    if (mode == Mode.NEEDS_PERMISSION && !TaskTurns.ran(events, permissionCommand)) {
      return new Shell(permissionCommand);
    }
    String tests = testCommand;
    if (prompt.tests() && tests != null && !TaskTurns.ran(events, tests)) {
      return new Shell(tests);
    }
    return TaskTurns.next(prompt, board, mode == Mode.BLOCKED_ONCE ? blockedNote : null);
  }

  /**
   * @return the request's index in the log
   */
  private synchronized int log(
      String api, String path, JsonNode req, Optional<String> promptFor, String body) {
    String model = req == null ? "" : req.path("model").asText("");
    requests.add(new Request(Instant.now(), api, path, model, promptFor, body, List.of()));
    return requests.size() - 1;
  }

  // ---------------------------------------------------------------- Anthropic Messages API

  private void anthropic(HttpExchange ex, String path, JsonNode req, String body)
      throws IOException {
    ArrayNode messages =
        req.path("messages").isArray() ? (ArrayNode) req.path("messages") : JSON.createArrayNode();
    int promptAt = -1;
    Optional<TaskPrompt> prompt = Optional.empty();
    for (int i = messages.size() - 1; i >= 0 && prompt.isEmpty(); i--) {
      JsonNode m = messages.get(i);
      if (m.path("role").asText().equals("user")) {
        prompt = TaskPrompt.find(userText(m.path("content"))).map(p -> p.in(workdir));
        promptAt = i;
      }
    }
    boolean agentLoop = req.has("tools") && req.path("tools").size() > 0;
    boolean opensTurn =
        prompt.isPresent() && agentLoop && noneAfter(messages, promptAt, "assistant");
    int logged =
        log(
            "anthropic",
            path,
            req,
            opensTurn ? prompt.map(TaskPrompt::taskId) : Optional.empty(),
            body);
    if (!req.path("stream").asBoolean(false)) {
      ObjectNode msg = anthropicMessage(req.path("model").asText("claude"));
      ((ArrayNode) msg.withArray("content")).addObject().put("type", "text").put("text", "OK.");
      msg.put("stop_reason", "end_turn");
      plain(ex, 200, JSON.writeValueAsString(msg));
      return;
    }
    if (prompt.isEmpty() || !agentLoop) {
      streamAnthropic(ex, new Finish("Task work"), Mode.NORMAL);
      return;
    }
    answering("anthropic");
    Mode mode = modeFor(prompt.get().taskId(), opensTurn);
    if (mode == Mode.SERVER_ERROR) {
      plain(
          ex,
          500,
          "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}");
      return;
    }
    if (mode == Mode.RATE_LIMITED_ONCE) {
      ex.getResponseHeaders().set("retry-after", "3600");
      String err =
          "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"This request would exceed your"
              + " account's rate limit. Please try again later.\"}}";
      plain(ex, 429, err);
      return;
    }
    Map<String, JsonNode> results = new java.util.HashMap<>();
    for (int i = promptAt + 1; i < messages.size(); i++) {
      for (JsonNode block : messages.get(i).path("content")) {
        if (block.path("type").asText().equals("tool_result")) {
          results.put(block.path("tool_use_id").asText(), block);
        }
      }
    }
    List<TaskTurns.ToolEvent> events = new ArrayList<>();
    for (int i = promptAt + 1; i < messages.size(); i++) {
      for (JsonNode use : messages.get(i).path("content")) {
        JsonNode result = results.get(use.path("id").asText());
        if (!use.path("type").asText().equals("tool_use") || result == null) {
          continue;
        }
        boolean ok = !result.path("is_error").asBoolean(false);
        JsonNode in = use.path("input");
        if (use.path("name").asText().equals("Read")) {
          events.add(TaskTurns.ToolEvent.read(ok, numberedText(blockText(result.path("content")))));
        } else if (use.path("name").asText().equals("Edit")) {
          events.add(
              TaskTurns.ToolEvent.edit(
                  ok, in.path("old_string").asText(), in.path("new_string").asText()));
        } else if (use.path("name").asText().equals("Bash")) {
          events.add(
              TaskTurns.ToolEvent.shell(
                  ok, in.path("command").asText(), blockText(result.path("content"))));
        }
      }
    }
    Optional<String> before = Optional.empty();
    for (int i = 0; i <= promptAt; i++) {
      JsonNode content = messages.get(i).path("content");
      List<String> texts = new ArrayList<>();
      if (content.isTextual()) {
        texts.add(content.asText());
      }
      for (JsonNode block : content) {
        texts.add(block.path("text").asText(""));
        texts.add(blockText(block.path("content")));
      }
      for (String text : texts) {
        if (text.contains("## Task Completion Log")) {
          String numbered = numberedText(text);
          before = Optional.of(numbered.contains("## Task Completion Log") ? numbered : text);
        }
      }
    }
    Step step = plan(logged, prompt.get(), TaskTurns.boardAfter(before, events), events, mode);
    streamAnthropic(ex, step, mode, events.size());
  }

  private static boolean noneAfter(ArrayNode items, int index, String role) {
    for (int i = index + 1; i < items.size(); i++) {
      JsonNode item = items.get(i);
      if (item.path("role").asText().equals(role) || item.path("type").asText().endsWith("_call")) {
        return false;
      }
    }
    return true;
  }

  private void streamAnthropic(HttpExchange ex, Step step, Mode mode) throws IOException {
    streamAnthropic(ex, step, mode, 0);
  }

  /**
   * @param calls tool calls so far in the turn: each Read asks for a different line range, because
   *     Claude Code answers a repeated Read of a file it thinks unchanged with a note instead of
   *     the text, and its idea of unchanged misses the writes Baton and the other agents made since
   */
  private void streamAnthropic(HttpExchange ex, Step step, Mode mode, int calls)
      throws IOException {
    OutputStream out = sse(ex);
    ObjectNode start = JSON.createObjectNode().put("type", "message_start");
    start.set("message", anthropicMessage("claude-scripted"));
    event(out, "message_start", start);
    if (mode == Mode.HANG) {
      hang(out);
      return;
    }
    String stop;
    if (step instanceof Finish f) {
      event(
          out,
          "content_block_start",
          block(0, JSON.createObjectNode().put("type", "text").put("text", "")));
      for (String piece : pieces(f.text())) {
        pause(mode);
        ObjectNode delta = JSON.createObjectNode().put("type", "text_delta").put("text", piece);
        event(
            out,
            "content_block_delta",
            JSON.createObjectNode()
                .put("type", "content_block_delta")
                .put("index", 0)
                .set("delta", delta));
      }
      stop = "end_turn";
    } else {
      String text =
          step instanceof Read
              ? "Reading the board."
              : step instanceof Shell ? "Running a command." : "Updating the board.";
      event(
          out,
          "content_block_start",
          block(0, JSON.createObjectNode().put("type", "text").put("text", "")));
      pause(mode);
      event(
          out,
          "content_block_delta",
          JSON.createObjectNode()
              .put("type", "content_block_delta")
              .put("index", 0)
              .set("delta", JSON.createObjectNode().put("type", "text_delta").put("text", text)));
      event(
          out,
          "content_block_stop",
          JSON.createObjectNode().put("type", "content_block_stop").put("index", 0));
      ObjectNode input = JSON.createObjectNode();
      String name;
      if (step instanceof Read r) {
        name = "Read";
        input.put("file_path", r.path()).put("offset", 1).put("limit", 2000 + calls);
      } else if (step instanceof Shell sh) {
        name = "Bash";
        input.put("command", sh.command()).put("description", "Run " + sh.command());
      } else {
        Replace e = (Replace) step;
        name = "Edit";
        input
            .put("file_path", e.path())
            .put("old_string", e.oldText())
            .put("new_string", e.newText());
      }
      ObjectNode use =
          JSON.createObjectNode()
              .put("type", "tool_use")
              .put("id", "toolu_" + ids.incrementAndGet())
              .put("name", name);
      use.set("input", JSON.createObjectNode());
      event(out, "content_block_start", block(1, use));
      String json = JSON.writeValueAsString(input);
      for (String piece : pieces(json)) {
        pause(mode);
        event(
            out,
            "content_block_delta",
            JSON.createObjectNode()
                .put("type", "content_block_delta")
                .put("index", 1)
                .set(
                    "delta",
                    JSON.createObjectNode()
                        .put("type", "input_json_delta")
                        .put("partial_json", piece)));
      }
      stop = "tool_use";
    }
    int index = step instanceof Finish ? 0 : 1;
    event(
        out,
        "content_block_stop",
        JSON.createObjectNode().put("type", "content_block_stop").put("index", index));
    ObjectNode md = JSON.createObjectNode().put("type", "message_delta");
    md.putObject("delta").put("stop_reason", stop).putNull("stop_sequence");
    md.putObject("usage").put("output_tokens", 20);
    event(out, "message_delta", md);
    event(out, "message_stop", JSON.createObjectNode().put("type", "message_stop"));
  }

  private ObjectNode anthropicMessage(String model) {
    ObjectNode msg =
        JSON.createObjectNode()
            .put("id", "msg_" + ids.incrementAndGet())
            .put("type", "message")
            .put("role", "assistant")
            .put("model", model);
    msg.putArray("content");
    msg.putNull("stop_reason");
    msg.putNull("stop_sequence");
    msg.putObject("usage")
        .put("input_tokens", 100)
        .put("output_tokens", 1)
        .put("cache_creation_input_tokens", 0)
        .put("cache_read_input_tokens", 0);
    return msg;
  }

  private static ObjectNode block(int index, ObjectNode content) {
    ObjectNode n = JSON.createObjectNode().put("type", "content_block_start").put("index", index);
    n.set("content_block", content);
    return n;
  }

  // ---------------------------------------------------------------- OpenAI Responses API

  private void responses(HttpExchange ex, String path, JsonNode req, String body)
      throws IOException {
    ArrayNode input =
        req.path("input").isArray() ? (ArrayNode) req.path("input") : JSON.createArrayNode();
    int promptAt = -1;
    Optional<TaskPrompt> prompt = Optional.empty();
    for (int i = input.size() - 1; i >= 0 && prompt.isEmpty(); i--) {
      JsonNode item = input.get(i);
      if (item.path("role").asText().equals("user")) {
        prompt = TaskPrompt.find(userText(item.path("content"))).map(p -> p.in(workdir));
        promptAt = i;
      }
    }
    // a request without tools is a side request (Codex asks for a title of each new task)
    boolean agentLoop = req.path("tools").size() > 0;
    boolean opensTurn = prompt.isPresent() && agentLoop && noneAfter(input, promptAt, "assistant");
    int logged =
        log(
            "responses",
            path,
            req,
            opensTurn ? prompt.map(TaskPrompt::taskId) : Optional.empty(),
            body);
    if (prompt.isEmpty() || !agentLoop) {
      streamResponses(ex, req, new Finish("Task work"), Mode.NORMAL);
      return;
    }
    answering("responses");
    Mode mode =
        limitNow("responses", opensTurn)
            ? Mode.RATE_LIMITED_ONCE
            : modeFor(prompt.get().taskId(), opensTurn);
    if (mode == Mode.SERVER_ERROR) {
      plain(
          ex,
          500,
          "{\"error\":{\"type\":\"server_error\",\"message\":\"The server had an error while processing your request.\"}}");
      return;
    }
    if (mode == Mode.RATE_LIMITED_ONCE) {
      String err =
          "{\"error\":{\"type\":\"usage_limit_reached\",\"message\":\"You've hit your usage limit.\","
              + "\"plan_type\":\"plus\",\"resets_in_seconds\":3600,\"resets_at\":"
              + Instant.now().plusSeconds(3600).getEpochSecond()
              + "}}";
      plain(ex, 429, err);
      return;
    }
    Map<String, JsonNode> outputs = new java.util.HashMap<>();
    for (int i = promptAt + 1; i < input.size(); i++) {
      JsonNode item = input.get(i);
      if (item.path("type").asText().endsWith("_call_output")) {
        outputs.put(item.path("call_id").asText(), item);
      }
    }
    List<TaskTurns.ToolEvent> events = new ArrayList<>();
    for (int i = promptAt + 1; i < input.size(); i++) {
      JsonNode call = input.get(i);
      JsonNode output = outputs.get(call.path("call_id").asText());
      if (!call.path("type").asText().endsWith("_call") || output == null) {
        continue;
      }
      String text = outputText(output.path("output"));
      String what = call.path("arguments").asText("") + call.path("input").asText("");
      if (what.contains("*** Begin Patch")) {
        String patch =
            call.has("input")
                ? call.path("input").asText()
                : patchIn(call.path("arguments").asText());
        boolean ok =
            !text.contains("rror") && !text.contains("ailed") && !text.contains("Exit code: 1");
        events.add(TaskTurns.ToolEvent.edit(ok, patchSide(patch, '-'), patchSide(patch, '+')));
      } else if (patchIn(call.path("arguments").asText()).startsWith("cat ")) {
        events.add(TaskTurns.ToolEvent.read(true, text));
      } else {
        events.add(
            TaskTurns.ToolEvent.shell(
                !text.contains("Exit code: 1"), patchIn(call.path("arguments").asText()), text));
      }
    }
    Step step = plan(logged, prompt.get(), TaskTurns.boardAfter(events), events, mode);
    streamResponses(ex, req, step, mode);
  }

  private static String patchIn(String arguments) {
    try {
      JsonNode args = JSON.readTree(arguments);
      if (args.has("input")) {
        return args.path("input").asText();
      }
      if (args.path("command").isArray()) {
        return args.path("command").get(args.path("command").size() - 1).asText();
      }
      return args.path("cmd").asText(args.path("command").asText(""));
    } catch (IOException e) {
      return arguments;
    }
  }

  private static String patchSide(String patch, char sign) {
    StringBuilder sb = new StringBuilder();
    for (String line : patch.lines().toList()) {
      if (!line.isEmpty() && line.charAt(0) == sign && !line.startsWith("***")) {
        if (!sb.isEmpty()) {
          sb.append('\n');
        }
        sb.append(line.substring(1));
      }
    }
    return sb.toString();
  }

  private void streamResponses(HttpExchange ex, JsonNode req, Step step, Mode mode)
      throws IOException {
    OutputStream out = sse(ex);
    String respId = "resp_" + ids.incrementAndGet();
    ObjectNode created = JSON.createObjectNode().put("type", "response.created");
    created
        .putObject("response")
        .put("id", respId)
        .put("object", "response")
        .put("status", "in_progress")
        .putArray("output");
    event(out, "response.created", created);
    if (mode == Mode.HANG) {
      hang(out);
      return;
    }
    ArrayNode output = JSON.createArrayNode();
    ObjectNode item;
    if (step instanceof Finish f) {
      String msgId = "msg_" + ids.incrementAndGet();
      ObjectNode added =
          JSON.createObjectNode()
              .put("type", "message")
              .put("id", msgId)
              .put("role", "assistant")
              .put("status", "in_progress");
      added.putArray("content");
      event(
          out,
          "response.output_item.added",
          JSON.createObjectNode()
              .put("type", "response.output_item.added")
              .put("output_index", 0)
              .set("item", added));
      for (String piece : pieces(f.text())) {
        pause(mode);
        event(
            out,
            "response.output_text.delta",
            JSON.createObjectNode()
                .put("type", "response.output_text.delta")
                .put("item_id", msgId)
                .put("output_index", 0)
                .put("content_index", 0)
                .put("delta", piece));
      }
      item =
          JSON.createObjectNode()
              .put("type", "message")
              .put("id", msgId)
              .put("role", "assistant")
              .put("status", "completed");
      item.putArray("content")
          .addObject()
          .put("type", "output_text")
          .put("text", f.text())
          .putArray("annotations");
    } else {
      pause(mode);
      item = codexToolCall(req, step);
      event(
          out,
          "response.output_item.added",
          JSON.createObjectNode()
              .put("type", "response.output_item.added")
              .put("output_index", 0)
              .set("item", item));
    }
    event(
        out,
        "response.output_item.done",
        JSON.createObjectNode()
            .put("type", "response.output_item.done")
            .put("output_index", 0)
            .set("item", item));
    output.add(item);
    ObjectNode done = JSON.createObjectNode().put("type", "response.completed");
    ObjectNode resp =
        done.putObject("response")
            .put("id", respId)
            .put("object", "response")
            .put("status", "completed");
    resp.set("output", output);
    ObjectNode usage =
        resp.putObject("usage")
            .put("input_tokens", 100)
            .put("output_tokens", 20)
            .put("total_tokens", 120);
    usage.putObject("input_tokens_details").put("cached_tokens", 0);
    usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
    event(out, "response.completed", done);
  }

  /**
   * A shell call to read the board, or an apply_patch call to edit it, in the shape of the tool the
   * request offers.
   */
  private ObjectNode codexToolCall(JsonNode req, Step step) {
    String callId = "call_" + ids.incrementAndGet();
    Map<String, String> tools = new java.util.HashMap<>();
    for (JsonNode t : req.path("tools")) {
      tools.put(t.path("name").asText(), t.path("type").asText());
    }
    if (step instanceof Read || step instanceof Shell) {
      String command = step instanceof Read r ? "cat " + r.path() : ((Shell) step).command();
      ObjectNode args = JSON.createObjectNode();
      String name;
      if (tools.containsKey("exec_command")) {
        name = "exec_command";
        args.put("cmd", command);
      } else if (tools.containsKey("shell_command")) {
        name = "shell_command";
        args.put("command", command);
      } else {
        name = "shell";
        args.putArray("command").add("bash").add("-lc").add(command);
      }
      return JSON.createObjectNode()
          .put("type", "function_call")
          .put("id", "fc_" + callId)
          .put("call_id", callId)
          .put("name", name)
          .put("arguments", args.toString())
          .put("status", "completed");
    }
    Replace e = (Replace) step;
    StringBuilder patch =
        new StringBuilder("*** Begin Patch\n*** Update File: " + e.path() + "\n@@\n");
    e.oldText().lines().forEach(l -> patch.append('-').append(l).append('\n'));
    e.newText().lines().forEach(l -> patch.append('+').append(l).append('\n'));
    patch.append("*** End Patch\n");
    if ("custom".equals(tools.get("apply_patch"))) {
      return JSON.createObjectNode()
          .put("type", "custom_tool_call")
          .put("id", "ctc_" + callId)
          .put("call_id", callId)
          .put("name", "apply_patch")
          .put("input", patch.toString())
          .put("status", "completed");
    }
    ObjectNode args = JSON.createObjectNode();
    String name = "apply_patch";
    if (tools.containsKey("apply_patch")) {
      args.put("input", patch.toString());
    } else {
      name = tools.containsKey("shell") ? "shell" : "exec_command";
      if (name.equals("shell")) {
        args.putArray("command").add("apply_patch").add(patch.toString());
      } else {
        args.put("cmd", "apply_patch <<'EOF'\n" + patch + "EOF\n");
      }
    }
    return JSON.createObjectNode()
        .put("type", "function_call")
        .put("id", "fc_" + callId)
        .put("call_id", callId)
        .put("name", name)
        .put("arguments", args.toString())
        .put("status", "completed");
  }

  // ---------------------------------------------------------------- Gemini API

  /**
   * {@code models/<model>:streamGenerateContent?alt=sse} is the agent loop (its {@code tools} offer
   * read_file and replace); {@code :generateContent} without tools is one of Gemini CLI's side
   * questions (which model to route to, who speaks next), answered with the smallest JSON its
   * response schema allows.
   */
  private void gemini(HttpExchange ex, String path, JsonNode req, String body) throws IOException {
    String model = path.substring(path.indexOf("/models/") + 8, path.lastIndexOf(':'));
    ArrayNode contents =
        req.path("contents").isArray() ? (ArrayNode) req.path("contents") : JSON.createArrayNode();
    int promptAt = -1;
    Optional<TaskPrompt> prompt = Optional.empty();
    for (int i = contents.size() - 1; i >= 0 && prompt.isEmpty(); i--) {
      JsonNode c = contents.get(i);
      if (c.path("role").asText("user").equals("user") && !hasPart(c, "functionResponse")) {
        prompt = TaskPrompt.find(geminiText(c)).map(p -> p.in(workdir));
        promptAt = i;
      }
    }
    boolean stream = path.endsWith(":streamGenerateContent");
    boolean agentLoop = stream && req.path("tools").size() > 0;
    boolean opensTurn = prompt.isPresent() && agentLoop && noneAfter(contents, promptAt, "model");
    int logged =
        log(
            "gemini",
            path,
            JSON.createObjectNode().put("model", model),
            opensTurn ? prompt.map(TaskPrompt::taskId) : Optional.empty(),
            body);
    if (!stream) {
      JsonNode schema = req.path("generationConfig").path("responseJsonSchema");
      if (schema.isMissingNode()) {
        schema = req.path("generationConfig").path("responseSchema");
      }
      String text = schema.isMissingNode() ? "OK." : JSON.writeValueAsString(fill(schema));
      plain(ex, 200, JSON.writeValueAsString(geminiChunk(model, textPart(text), "STOP")));
      return;
    }
    if (prompt.isEmpty() || !agentLoop) {
      streamGemini(ex, model, new Finish("Task work"), Mode.NORMAL);
      return;
    }
    answering("gemini");
    Mode mode =
        limitNow("gemini", opensTurn)
            ? Mode.RATE_LIMITED_ONCE
            : modeFor(prompt.get().taskId(), opensTurn);
    if (mode == Mode.SERVER_ERROR) {
      plain(
          ex,
          500,
          "{\"error\":{\"code\":500,\"message\":\"Internal error encountered.\",\"status\":\"INTERNAL\"}}");
      return;
    }
    if (mode == Mode.RATE_LIMITED_ONCE) {
      plain(
          ex,
          429,
          "{\"error\":{\"code\":429,\"message\":\"Resource has been exhausted (e.g. check quota).\",\"status\":\"RESOURCE_EXHAUSTED\"}}");
      return;
    }
    List<JsonNode> pending = new ArrayList<>();
    List<TaskTurns.ToolEvent> events = new ArrayList<>();
    for (int i = promptAt + 1; i < contents.size(); i++) {
      for (JsonNode part : contents.get(i).path("parts")) {
        if (part.has("functionCall")) {
          pending.add(part.path("functionCall"));
        } else if (part.has("functionResponse")) {
          JsonNode response = part.path("functionResponse");
          JsonNode call = null;
          for (JsonNode p : pending) {
            if (p.path("name").asText().equals(response.path("name").asText())) {
              call = p;
              break;
            }
          }
          if (call == null) {
            continue;
          }
          pending.remove(call);
          JsonNode r = response.path("response");
          boolean ok = !r.has("error") && !r.path("output").asText("").startsWith("Failed");
          String output = r.path("output").isTextual() ? r.path("output").asText() : r.toString();
          JsonNode args = call.path("args");
          if (call.path("name").asText().equals("read_file")) {
            events.add(TaskTurns.ToolEvent.read(ok, output));
          } else if (call.path("name").asText().equals("replace")) {
            events.add(
                TaskTurns.ToolEvent.edit(
                    ok, args.path("old_string").asText(), args.path("new_string").asText()));
          } else if (call.path("name").asText().equals("run_shell_command")) {
            events.add(TaskTurns.ToolEvent.shell(ok, args.path("command").asText(), output));
          }
        }
      }
    }
    Step step = plan(logged, prompt.get(), TaskTurns.boardAfter(events), events, mode);
    streamGemini(ex, model, step, mode);
  }

  private static boolean hasPart(JsonNode content, String kind) {
    for (JsonNode part : content.path("parts")) {
      if (part.has(kind)) {
        return true;
      }
    }
    return false;
  }

  private static String geminiText(JsonNode content) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode part : content.path("parts")) {
      if (part.has("text")) {
        sb.append(part.path("text").asText()).append('\n');
      }
    }
    return sb.toString();
  }

  private void streamGemini(HttpExchange ex, String model, Step step, Mode mode)
      throws IOException {
    OutputStream out = sse(ex);
    if (mode == Mode.HANG) {
      data(out, geminiChunk(model, textPart("Working"), null));
      hang(out);
      return;
    }
    if (step instanceof Finish f) {
      List<String> parts = pieces(f.text());
      for (int i = 0; i < parts.size(); i++) {
        pause(mode);
        data(
            out, geminiChunk(model, textPart(parts.get(i)), i == parts.size() - 1 ? "STOP" : null));
      }
      return;
    }
    pause(mode);
    data(
        out,
        geminiChunk(
            model,
            textPart(
                step instanceof Read
                    ? "Reading the board."
                    : step instanceof Shell ? "Running a command." : "Updating the board."),
            null));
    ObjectNode call = JSON.createObjectNode();
    String name =
        step instanceof Read
            ? "read_file"
            : step instanceof Shell ? "run_shell_command" : "replace";
    ObjectNode args = call.putObject("functionCall").put("name", name).putObject("args");
    if (step instanceof Read r) {
      args.put("file_path", r.path());
    } else if (step instanceof Shell sh) {
      args.put("command", sh.command()).put("description", "Run " + sh.command());
    } else {
      Replace e = (Replace) step;
      args.put("file_path", e.path())
          .put("instruction", "Update the task's row and the completion log on the board.")
          .put("old_string", e.oldText())
          .put("new_string", e.newText());
    }
    pause(mode);
    data(out, geminiChunk(model, call, "STOP"));
  }

  private static ObjectNode textPart(String text) {
    return JSON.createObjectNode().put("text", text);
  }

  private ObjectNode geminiChunk(String model, ObjectNode part, String finish) {
    ObjectNode chunk = JSON.createObjectNode();
    ObjectNode candidate = chunk.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content").put("role", "model");
    content.putArray("parts").add(part);
    candidate.put("index", 0);
    if (finish != null) {
      candidate.put("finishReason", finish);
      chunk
          .putObject("usageMetadata")
          .put("promptTokenCount", 100)
          .put("candidatesTokenCount", 20)
          .put("totalTokenCount", 120);
    }
    chunk.put("modelVersion", model).put("responseId", "gem_" + ids.incrementAndGet());
    return chunk;
  }

  /**
   * The smallest value a JSON schema accepts: "user" where the schema asks who speaks next, else
   * the first option.
   */
  private static JsonNode fill(JsonNode schema) {
    String type = schema.path("type").asText("object").toLowerCase(java.util.Locale.ROOT);
    if (schema.has("enum")) {
      for (JsonNode option : schema.path("enum")) {
        if (option.asText().equals("user")) {
          return option;
        }
      }
      return schema.path("enum").get(0);
    }
    return switch (type) {
      case "string" -> JSON.getNodeFactory().textNode("simple");
      case "integer", "number" -> JSON.getNodeFactory().numberNode(1);
      case "boolean" -> JSON.getNodeFactory().booleanNode(false);
      case "array" -> JSON.createArrayNode();
      default -> {
        ObjectNode o = JSON.createObjectNode();
        schema
            .path("properties")
            .fields()
            .forEachRemaining(e -> o.set(e.getKey(), fill(e.getValue())));
        yield o;
      }
    };
  }

  private static void data(OutputStream out, JsonNode data) throws IOException {
    out.write(
        ("data: " + JSON.writeValueAsString(data) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  // ---------------------------------------------------------------- helpers

  private Mode modeFor(String taskId, boolean newestIsPrompt) {
    Mode mode = modes.getOrDefault(taskId, Mode.NORMAL);
    if (mode == Mode.RATE_LIMITED_ONCE) {
      int n = rateLimited.computeIfAbsent(taskId, k -> new AtomicInteger()).getAndIncrement();
      return n == 0 && newestIsPrompt ? Mode.RATE_LIMITED_ONCE : Mode.NORMAL;
    }
    if (mode == Mode.HANG) {
      int n = rateLimited.computeIfAbsent(taskId, k -> new AtomicInteger()).getAndIncrement();
      return n == 0 ? Mode.HANG : Mode.NORMAL;
    }
    if (mode == Mode.SERVER_ERROR) {
      // the CLI's own retries send the same request again: each counts, until the server has failed
      // often enough
      boolean fail =
          newestIsPrompt
              && failed.computeIfAbsent(taskId, k -> new AtomicInteger()).getAndIncrement()
                  < serverErrors;
      return fail ? Mode.SERVER_ERROR : Mode.NORMAL;
    }
    if (mode == Mode.NEEDS_PERMISSION || mode == Mode.BLOCKED_ONCE) {
      // only the first turn on the task's prompt: an unblock or reassigned prompt is answered
      // normally
      AtomicInteger opened = turns.computeIfAbsent(taskId, k -> new AtomicInteger());
      int n = newestIsPrompt ? opened.incrementAndGet() : opened.get();
      return n <= 1 ? mode : Mode.NORMAL;
    }
    return mode;
  }

  private void pause(Mode mode) {
    if (mode == Mode.SLOW) {
      try {
        Thread.sleep(slowDelta);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void hang(OutputStream out) throws IOException {
    try {
      while (!closed.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
        out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<String> pieces(String text) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < text.length(); i += 24) {
      out.add(text.substring(i, Math.min(text.length(), i + 24)));
    }
    return out;
  }

  private static String userText(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder sb = new StringBuilder();
    for (JsonNode block : content) {
      String type = block.path("type").asText();
      if (type.equals("text") || type.equals("input_text")) {
        sb.append(block.path("text").asText()).append('\n');
      }
    }
    return sb.toString();
  }

  private static String blockText(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder sb = new StringBuilder();
    for (JsonNode block : content) {
      sb.append(block.path("text").asText()).append('\n');
    }
    return sb.toString();
  }

  private static String outputText(JsonNode output) {
    String text = output.isTextual() ? output.asText() : blockText(output);
    try {
      JsonNode parsed = JSON.readTree(text);
      if (parsed != null && parsed.has("output")) {
        return parsed.path("output").asText();
      }
    } catch (IOException | RuntimeException e) {
      // plain text output
    }
    return text;
  }

  /** Claude Code's Read returns {@code cat -n} style lines; keep the file's own text. */
  private static String numberedText(String text) {
    StringBuilder sb = new StringBuilder();
    for (String line : text.lines().toList()) {
      Matcher m = NUMBERED.matcher(line);
      if (m.matches()) {
        sb.append(m.group(1)).append('\n');
      }
    }
    return sb.toString();
  }

  private static OutputStream sse(HttpExchange ex) throws IOException {
    ex.getResponseHeaders().set("content-type", "text/event-stream");
    ex.getResponseHeaders().set("cache-control", "no-cache");
    ex.sendResponseHeaders(200, 0);
    return ex.getResponseBody();
  }

  private static void event(OutputStream out, String name, JsonNode data) throws IOException {
    out.write(
        ("event: " + name + "\ndata: " + JSON.writeValueAsString(data) + "\n\n")
            .getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void plain(HttpExchange ex, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("content-type", "application/json");
    if (ex.getRequestMethod().equals("HEAD")) {
      // a connectivity check: headers only
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }
}
