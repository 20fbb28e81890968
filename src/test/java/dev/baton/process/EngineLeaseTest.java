package dev.baton.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** One Baton per external engine, on a real engine reached over gRPC as an external one is. */
@Tag("end-to-end")
class EngineLeaseTest {
  private LoopbackEngine engine;
  private CamundaClient client;

  @BeforeEach
  void engine() {
    engine = LoopbackEngine.start();
    client = engine.client();
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void aSecondBatonIsRefusedWhileTheFirstRuns() {
    EngineLease first = EngineLease.acquire(client, Clock.systemUTC(), "http://engine:26500");
    try {
      long t0 = System.nanoTime();
      assertThatThrownBy(
              () -> EngineLease.acquire(client, Clock.systemUTC(), "http://engine:26500"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith(
              "another Baton is using the external engine at http://engine:26500")
          .hasMessageContaining("one Baton per engine");
      // it waited long enough for a stopped holder's lease to lapse: the first one kept renewing
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(EngineLease.WAIT);
    } finally {
      first.destroy();
    }
  }

  @Test
  void aBatonStartedAgainAfterTheFirstStoppedGetsTheLease() {
    EngineLease first = EngineLease.acquire(client, Clock.systemUTC(), "here");
    first.destroy(); // as a crash would: nothing is handed back, the lease lapses by itself
    long t0 = System.nanoTime();
    EngineLease again = EngineLease.acquire(client, Clock.systemUTC(), "here");
    again.destroy();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(EngineLease.WAIT);
  }
}
