package dev.baton.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RunGateTest {

  @Test
  void theWindDownWaitsForAStepUnderWayAndLaterStepsDoNothing() throws Exception {
    RunGate gate = new RunGate();
    List<String> order = new CopyOnWriteArrayList<>();
    CountDownLatch inStep = new CountDownLatch(1);
    CountDownLatch finishStep = new CountDownLatch(1);

    CompletableFuture<Boolean> step =
        CompletableFuture.supplyAsync(
            () ->
                gate.whileOpen(
                        "run-a",
                        () -> {
                          inStep.countDown();
                          await(finishStep);
                          order.add("step wrote IN_PROGRESS");
                          return true;
                        })
                    .orElse(false));
    assertThat(inStep.await(5, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> windDown =
        CompletableFuture.runAsync(
            () -> gate.close("run-a", () -> order.add("wind-down put rows back")));
    Thread.sleep(200);
    assertThat(windDown).as("the wind-down waits for the step under way").isNotDone();
    finishStep.countDown();
    windDown.get(5, TimeUnit.SECONDS);

    assertThat(step.get()).isTrue();
    assertThat(order).containsExactly("step wrote IN_PROGRESS", "wind-down put rows back");
    assertThat(gate.whileOpen("run-a", () -> order.add("late step"))).isEmpty();
    assertThat(order).doesNotContain("late step");
    assertThat(gate.whileOpen("run-b", () -> "other run")).contains("other run");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
