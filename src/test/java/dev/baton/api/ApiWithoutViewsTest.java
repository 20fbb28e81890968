package dev.baton.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.baton.run.RunLauncher;
import dev.baton.run.RunRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Until the board and agents packages are wired, the API says so (503) instead of answering empty
 * lists.
 */
@WebMvcTest(
    controllers = {RunsController.class, BoardController.class},
    properties = "baton.engine=external")
@Import(ApiSlice.class)
class ApiWithoutViewsTest {
  @Autowired MockMvc mvc;
  @Autowired RunRegistry registry;
  @MockitoBean RunLauncher launcher;

  @Test
  void boardAndAgentsAre503AndRunDetailsSayWhatIsMissing() throws Exception {
    mvc.perform(get("/api/board"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(
            jsonPath("$.detail").value("the board view is not available in this Baton process"));
    mvc.perform(get("/api/agents")).andExpect(status().isServiceUnavailable());
    registry.register("run-x", "req");
    mvc.perform(get("/api/runs/run-x"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.tasks").doesNotExist())
        .andExpect(jsonPath("$.notes.length()").value(2));
  }
}
