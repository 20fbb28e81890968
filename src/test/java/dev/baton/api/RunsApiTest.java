package dev.baton.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.baton.run.Phase;
import dev.baton.run.RunCanceller;
import dev.baton.run.RunLauncher;
import dev.baton.run.RunParameters;
import dev.baton.run.RunRegistry;
import dev.baton.views.AgentInfo;
import dev.baton.views.AgentsView;
import dev.baton.views.BoardSnapshot;
import dev.baton.views.BoardView;
import dev.baton.views.TaskRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Every endpoint over MockMvc with the real filters, advice, registry and event history; only the
 * engine is mocked.
 */
@WebMvcTest(
    controllers = {RunsController.class, BoardController.class},
    properties = {"baton.engine=external", "baton.api.max-body-size=2KB"})
@Import({ApiSlice.class, RunsApiTest.Views.class})
class RunsApiTest {
  @Autowired MockMvc mvc;
  @Autowired RunRegistry registry;
  @MockitoBean RunLauncher launcher;
  @MockitoBean RunCanceller canceller;

  @TestConfiguration
  static class Views {
    @Bean
    BoardView boardView() {
      return () ->
          new BoardSnapshot(
              "/w/CLAUDE.md",
              List.of(
                  new TaskRow("T-001", "Write parser", "HIGH", "COMPLETED", "AMP (w4)"),
                  new TaskRow("T-002", "Write tests", "MED", "IN_PROGRESS", "Codex (w6)")),
              List.of());
    }

    @Bean
    AgentsView agentsView() {
      return () -> List.of(new AgentInfo("AMP", "orch:4", "amp", "IDLE", null));
    }
  }

  private String registered(String request) {
    String id = "run-" + Math.abs(request.hashCode());
    registry.register(id, request);
    registry.started(id, 4242L);
    return id;
  }

  @Test
  void postStartsARunWithTasksAndOverridesAndAnswers202WithLocation() throws Exception {
    when(launcher.start(anyString(), any(RunParameters.class)))
        .thenAnswer(inv -> registry.get(registered(inv.getArgument(0))).orElseThrow());

    mvc.perform(
            post("/api/runs")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    """
                    {"request": "Build the parser",
                     "tasks": [{"description": "Lexer", "priority": "high"},
                               {"description": "Parser", "after": ["#1"]}],
                     "pollInterval": "PT5S", "inactivePolls": 4}
                    """))
        .andExpect(status().isAccepted())
        .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/api/runs/run-")))
        .andExpect(jsonPath("$.processInstanceKey").value(4242))
        .andExpect(jsonPath("$.runId").isNotEmpty());

    ArgumentCaptor<String> request = ArgumentCaptor.forClass(String.class);
    ArgumentCaptor<RunParameters> params = ArgumentCaptor.forClass(RunParameters.class);
    verify(launcher).start(request.capture(), params.capture());
    assertThat(request.getValue())
        .startsWith("Build the parser")
        .contains("- Lexer [HIGH]")
        .contains("- Parser (after #1)");
    assertThat(params.getValue().pollInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(params.getValue().inactivePolls()).isEqualTo(4);
    assertThat(params.getValue().maxRalphCycles()).isEqualTo(3);
  }

  @Test
  void malformedJsonIs400Problem() throws Exception {
    mvc.perform(post("/api/runs").contentType(MediaType.APPLICATION_JSON).content("{\"request\": "))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(400))
        .andExpect(
            jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("not valid JSON")));
    verify(launcher, never()).start(anyString(), any());
  }

  @Test
  void wrongTypeNamesTheField() throws Exception {
    mvc.perform(
            post("/api/runs")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"request\":\"x\",\"inactivePolls\":\"many\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("inactivePolls")));
  }

  @Test
  void emptyRequestIs400NamingTheField() throws Exception {
    mvc.perform(
            post("/api/runs")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"request\": \"  \"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("request"));
  }

  @Test
  void invalidParametersAre400NamingTheField() throws Exception {
    mvc.perform(
            post("/api/runs")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"request\":\"x\",\"inactivePolls\":0}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("inactivePolls"));
    mvc.perform(
            post("/api/runs")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"request\":\"x\",\"pollInterval\":\"PT0S\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("pollInterval"));
    mvc.perform(
            post("/api/runs")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"tasks\":[{\"description\":\"\"}]}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("tasks[0].description"));
    mvc.perform(
            post("/api/runs")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"tasks\":[{\"description\":\"a\",\"priority\":\"urgent\"}]}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("tasks[0].priority"));
    verify(launcher, never()).start(anyString(), any());
  }

  /** Each body that used to start a run on a guess (or fail with 500) is a 400 naming the field. */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{\"tasks\":[null]}                                   | tasks[0]                 | must not be null",
        "{\"tasks\":[{\"description\":\"a\",\"after\":[null]}]} | tasks[0].after[0]  | must not be null",
        "{\"request\": 5}                                     | request                  | must be a string",
        "{\"request\": true}                                  | request                  | must be a string",
        "{\"request\": \"x\", \"inactivePolls\": 1.5}           | inactivePolls            | must be a whole number",
        "{\"request\": \"x\", \"inactivePolls\": \"2\"}           | inactivePolls            | must be a whole number",
        "{\"request\": \"x\", \"maxRalphCycles\": 2.0}          | maxRalphCycles           | must be a whole number",
        "{\"request\": \"x\", \"pollInterval\": 30}             | pollInterval             | must be a duration",
        "{\"request\": \"x\", \"pollInterval\": \"soon\"}       | pollInterval             | is not a duration",
        "{\"request\": \"x\", \"pollintervall\": \"PT5S\"}      | pollintervall            | is not a field",
        "{\"tasks\": {\"description\": \"a\"}}                  | tasks                    | must be a list",
        "{\"tasks\": [\"a\"]}                                 | tasks[0]                 | must be an object",
        "{\"tasks\": \"\"}                                    | tasks                    | must be a list",
        "{\"request\": \"x\", \"submitRetries\": 99999999999}   | submitRetries            | out of range",
      })
  void looseBodiesAre400NamingTheField(String body, String field, String message) throws Exception {
    mvc.perform(post("/api/runs").contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[0].field").value(field))
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith(field + ": ")))
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(message)));
    verify(launcher, never()).start(anyString(), any());
  }

  @Test
  void trailingGarbageAndDuplicateKeysAre400() throws Exception {
    for (String body :
        List.of(
            "{\"request\": \"x\"} {\"request\": \"y\"}",
            "{\"request\": \"x\"} garbage",
            "{\"request\": \"x\"}]",
            "{\"request\": \"x\", \"request\": \"y\"}")) {
      mvc.perform(post("/api/runs").contentType(MediaType.APPLICATION_JSON).content(body))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.status").value(400));
    }
    mvc.perform(
            post("/api/runs")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"request\": \"x\"} {}"))
        .andExpect(
            jsonPath("$.detail").value("the body must be one JSON object with nothing after it"));
    verify(launcher, never()).start(anyString(), any());
  }

  @Test
  void durationsReadBothForms() throws Exception {
    when(launcher.start(anyString(), any(RunParameters.class)))
        .thenAnswer(inv -> registry.get(registered(inv.getArgument(0))).orElseThrow());
    mvc.perform(
            post("/api/runs")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"request\":\"x\",\"pollInterval\":\"45s\"}"))
        .andExpect(status().isAccepted());
    ArgumentCaptor<RunParameters> params = ArgumentCaptor.forClass(RunParameters.class);
    verify(launcher).start(anyString(), params.capture());
    assertThat(params.getValue().pollInterval()).isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void oversizedBodyIs413() throws Exception {
    String big = "{\"request\":\"" + "x".repeat(3000) + "\"}";
    mvc.perform(post("/api/runs").contentType(MediaType.APPLICATION_JSON).content(big))
        .andExpect(status().isPayloadTooLarge())
        .andExpect(jsonPath("$.status").value(413))
        .andExpect(
            jsonPath("$.detail")
                .value(org.hamcrest.Matchers.containsString("baton.api.max-body-size")));
    verify(launcher, never()).start(anyString(), any());
  }

  @Test
  void listsRunsAndShowsOneWithTasksAgentsAndReportWhenDone(@TempDir Path dir) throws Exception {
    String id = registered("Write the docs");
    Path report = Files.writeString(dir.resolve("REPORT.md"), "# Report\nAll 2 tasks completed.\n");
    mvc.perform(get("/api/runs/" + id))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.run.phase").value("DECOMPOSE"))
        .andExpect(jsonPath("$.report").doesNotExist())
        .andExpect(jsonPath("$.tasks.length()").value(2))
        .andExpect(jsonPath("$.taskCounts.COMPLETED").value(1))
        .andExpect(jsonPath("$.agents[0].name").value("AMP"));
    registry.finish(id, Phase.DONE, report);
    mvc.perform(get("/api/runs"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[?(@.runId=='" + id + "')].phase").value("DONE"));
    mvc.perform(get("/api/runs/" + id))
        .andExpect(jsonPath("$.run.finished").value(true))
        .andExpect(
            jsonPath("$.report")
                .value(org.hamcrest.Matchers.containsString("All 2 tasks completed")))
        .andExpect(jsonPath("$.events[*].message").value(org.hamcrest.Matchers.hasItem("run done")))
        .andExpect(jsonPath("$.events[*].kind").value(org.hamcrest.Matchers.hasItem("phase")))
        .andExpect(
            jsonPath("$.events[?(@.kind=='phase')].what.type")
                .value(org.hamcrest.Matchers.hasItem("PhaseChanged")))
        .andExpect(
            jsonPath("$.events[?(@.kind=='phase')].what.phase")
                .value(org.hamcrest.Matchers.hasItem("DONE")));
  }

  @Test
  void unknownRunIs404Problem() throws Exception {
    mvc.perform(get("/api/runs/run-nope"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value("no run with id 'run-nope'"));
    mvc.perform(delete("/api/runs/run-nope")).andExpect(status().isNotFound());
  }

  @Test
  void deleteCancelsOnceThenConflicts() throws Exception {
    String id = registered("Cancel me");
    mvc.perform(delete("/api/runs/" + id))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.phase").value("CANCELLED"))
        .andExpect(jsonPath("$.agentsInterrupted").value(true));
    verify(canceller).cancel(id);
    assertThat(registry.get(id).orElseThrow().phase()).isEqualTo(Phase.CANCELLED);
    mvc.perform(delete("/api/runs/" + id)).andExpect(status().isConflict());
  }

  @Test
  void boardAndAgentsComeFromTheViews() throws Exception {
    mvc.perform(get("/api/board"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.tasks[1].status").value("IN_PROGRESS"))
        .andExpect(jsonPath("$.problems.length()").value(0));
    mvc.perform(get("/api/agents"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].target").value("orch:4"));
  }
}
