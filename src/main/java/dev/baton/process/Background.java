package dev.baton.process;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Start-up work that runs on a thread of its own while Spring builds the context (the engine's
 * start, the model's deployment), and whose waiters see what it threw as if they had run it
 * themselves, not wrapped.
 */
final class Background<T> {
  private final CompletableFuture<T> result = new CompletableFuture<>();

  private Background() {}

  /** Runs {@code work} on a new daemon thread named {@code threadName}. */
  static <T> Background<T> start(String threadName, Supplier<T> work) {
    Background<T> background = new Background<>();
    Thread.ofPlatform()
        .name(threadName)
        .daemon()
        .start(
            () -> {
              try {
                background.result.complete(work.get());
              } catch (Throwable e) {
                background.result.completeExceptionally(e);
              }
            });
    return background;
  }

  /** Whether the work has ended, well or not. */
  boolean done() {
    return result.isDone();
  }

  /** Blocks until the work ends; rethrows what it threw. */
  T join() {
    try {
      return result.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }
}
