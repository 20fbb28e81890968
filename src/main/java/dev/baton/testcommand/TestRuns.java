package dev.baton.testcommand;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * One run of the test command per job. The engine may hand a job to another worker thread while the
 * first still works on it (a lock that ran out, a redelivery after a lost completion); the second
 * delivery joins the run under way, or gets the verdict of the one that finished, instead of
 * starting the suite again.
 */
@Component
public class TestRuns {
  /**
   * Finished verdicts kept for late redeliveries; jobs are few (one per feature and Ralph cycle).
   */
  private static final int KEPT = 256;

  private final Map<Long, CompletableFuture<TestCommand.Verdict>> byJob = new LinkedHashMap<>();

  /**
   * Runs {@code command} for this job unless a run for it is under way or done; then that run's
   * verdict.
   */
  public TestCommand.Verdict run(long jobKey, Supplier<TestCommand.Verdict> command) {
    CompletableFuture<TestCommand.Verdict> mine = new CompletableFuture<>();
    CompletableFuture<TestCommand.Verdict> existing;
    synchronized (byJob) {
      existing = byJob.putIfAbsent(jobKey, mine);
      trim();
    }
    if (existing != null) {
      try {
        return existing.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
    try {
      TestCommand.Verdict verdict = command.get();
      mine.complete(verdict);
      return verdict;
    } catch (RuntimeException e) {
      synchronized (byJob) {
        byJob.remove(jobKey, mine);
      }
      mine.completeExceptionally(e);
      throw e;
    }
  }

  /** Whether a test command is running now (a long suite is work in progress, not a stall). */
  public boolean anyRunning() {
    synchronized (byJob) {
      return byJob.values().stream().anyMatch(f -> !f.isDone());
    }
  }

  private void trim() {
    Iterator<CompletableFuture<TestCommand.Verdict>> oldest = byJob.values().iterator();
    while (byJob.size() > KEPT && oldest.hasNext()) {
      if (oldest.next().isDone()) {
        oldest.remove();
      } else {
        break;
      }
    }
  }
}
