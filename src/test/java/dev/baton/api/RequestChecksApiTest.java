package dev.baton.api;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.baton.run.RunLauncher;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Requests that would wedge a run (a dependency on nothing, a cycle, too many tasks) are 400 before
 * a run starts.
 */
@WebMvcTest(controllers = RunsController.class, properties = "baton.engine=external")
@Import(ApiSlice.class)
class RequestChecksApiTest {
  private static final String LIMIT =
      "the request has 1,500 tasks, more than the 1,000 one run takes: split it into several runs";

  @Autowired MockMvc mvc;
  @MockitoBean RunLauncher launcher;

  private ResultActions post400(String body, String field) throws Exception {
    return mvc.perform(post("/api/runs").contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value(field));
  }

  @Test
  void dependencyOnNothingSelfAndCycleAre400() throws Exception {
    post400("{\"tasks\":[{\"description\":\"a\",\"after\":[\"#99\"]}]}", "tasks")
        .andExpect(
            jsonPath("$.detail")
                .value(
                    "tasks: task #1 (request line 1) depends on #99, but the request has only 1 task"));
    post400(
            "{\"tasks\":[{\"description\":\"a\"},{\"description\":\"b\",\"after\":[\"#2\"]}]}",
            "tasks")
        .andExpect(
            jsonPath("$.detail")
                .value(Matchers.containsString("task #2 (request line 2) depends on itself")));
    post400(
            "{\"tasks\":[{\"description\":\"a\",\"after\":[\"#3\"]},{\"description\":\"b\",\"after\":[\"#1\"]},"
                + "{\"description\":\"c\",\"after\":[\"#2\"]}]}",
            "tasks")
        .andExpect(
            jsonPath("$.detail")
                .value(Matchers.containsString("tasks #1 → #3 → #2 → #1 form a cycle")));
    post400("{\"request\":\"- a (after #2)\\n- b (after #1)\"}", "request")
        .andExpect(
            jsonPath("$.detail").value(Matchers.containsString("tasks #1 → #2 → #1 form a cycle")));
    verify(launcher, never()).start(anyString(), any());
  }

  @Test
  void oneTaskLimitForTextAndArray() throws Exception {
    String text =
        IntStream.range(0, 1500).mapToObj(i -> "- t" + i).collect(Collectors.joining("\\n"));
    post400("{\"request\":\"" + text + "\"}", "request")
        .andExpect(jsonPath("$.detail").value("request: " + LIMIT));
    String array =
        IntStream.range(0, 1500)
            .mapToObj(i -> "{\"description\":\"t" + i + "\"}")
            .collect(Collectors.joining(","));
    post400("{\"tasks\":[" + array + "]}", "tasks")
        .andExpect(jsonPath("$.detail").value("tasks: " + LIMIT));
    verify(launcher, never()).start(anyString(), any());
  }
}
