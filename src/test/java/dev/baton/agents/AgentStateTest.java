package dev.baton.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * "Idle" means one thing: a positive IDLE. An unreadable screen, a dialog or a limit is never idle.
 */
class AgentStateTest {
  @Test
  void onlyIdleIsIdle() {
    assertThat(Arrays.stream(AgentState.values()).filter(AgentState::isIdle))
        .containsExactly(AgentState.IDLE);
  }
}
