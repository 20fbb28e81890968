package dev.baton.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.baton.run.RunLauncher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** With a token configured and a non-loopback address, every API request needs the bearer token. */
@WebMvcTest(
    controllers = {RunsController.class, BoardController.class},
    properties = {
      "baton.engine=external",
      "server.address=0.0.0.0",
      "baton.api.token=s3cret-token"
    })
@Import(ApiSlice.class)
class TokenTest {
  @Autowired MockMvc mvc;
  @MockitoBean RunLauncher launcher;

  @Test
  void missingTokenIs401Problem() throws Exception {
    mvc.perform(get("/api/runs"))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer")))
        .andExpect(jsonPath("$.status").value(401))
        .andExpect(
            jsonPath("$.detail")
                .value(org.hamcrest.Matchers.containsString("Authorization: Bearer")));
  }

  @Test
  void wrongTokenIs401AndDoesNotEchoTheSecret() throws Exception {
    mvc.perform(get("/api/runs").header("Authorization", "Bearer s3cret-tokeN"))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.detail").value("the bearer token is wrong"));
    mvc.perform(get("/api/runs").header("Authorization", "Basic s3cret-token"))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void rightTokenPasses() throws Exception {
    mvc.perform(get("/api/runs").header("Authorization", "Bearer s3cret-token"))
        .andExpect(status().isOk());
    mvc.perform(get("/api/runs").header("Authorization", "bearer s3cret-token"))
        .andExpect(status().isOk());
  }
}
