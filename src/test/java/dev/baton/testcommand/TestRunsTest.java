package dev.baton.testcommand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TestRunsTest {
  private final TestRuns runs = new TestRuns();
  private final AtomicInteger started = new AtomicInteger();

  private TestCommand.Verdict slowSuite(CountDownLatch running) {
    started.incrementAndGet();
    running.countDown();
    try {
      Thread.sleep(300);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new TestCommand.Verdict(true, 0, false, "1 passed", Duration.ofMillis(300));
  }

  @Test
  void aSecondDeliveryOfTheSameJobJoinsTheRunUnderWayAndALaterOneGetsItsVerdict() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CompletableFuture<TestCommand.Verdict> first =
        CompletableFuture.supplyAsync(() -> runs.run(42L, () -> slowSuite(running)));
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
    TestCommand.Verdict second = runs.run(42L, () -> slowSuite(new CountDownLatch(1)));

    assertThat(second).isSameAs(first.get(5, TimeUnit.SECONDS));
    assertThat(runs.run(42L, () -> slowSuite(new CountDownLatch(1)))).isSameAs(second);
    assertThat(started).as("the suite ran once for the job").hasValue(1);
    runs.run(43L, () -> slowSuite(new CountDownLatch(1)));
    assertThat(started).as("another job runs it again").hasValue(2);
  }

  @Test
  void aRunThatThrowsIsNotKeptSoTheRetryRunsAgain() {
    assertThatThrownBy(
            () ->
                runs.run(
                    7L,
                    () -> {
                      throw new IllegalStateException("no shell");
                    }))
        .hasMessage("no shell");
    runs.run(7L, () -> slowSuite(new CountDownLatch(1)));
    assertThat(started).hasValue(1);
  }
}
