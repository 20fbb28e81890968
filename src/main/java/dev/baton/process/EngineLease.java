package dev.baton.process;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import io.grpc.Status;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * One Baton per external engine. Job types, message names and correlation keys (task ids such as
 * T-001) are the same for every Baton, so two Batons on one engine would take each other's jobs and
 * wake each other's tasks. Until they are told apart (see README, External mode), a Baton holds a
 * lease on the engine while it runs and refuses to start when another holds it.
 *
 * <p>The lease is a run of messages: time is cut into {@link #SLOT} slots, and the engine refuses a
 * second message with the same id, so whoever publishes slot {@code n}'s message first holds slot
 * {@code n}. A holder publishes the next two slots' messages every half slot. A Baton starting
 * takes the current and the next slot; when they are taken it tries again for up to {@link #WAIT}
 * (a holder that stopped, cleanly or not, has taken at most the next two slots), then refuses. The
 * clocks of the machines must agree to within a slot.
 */
public final class EngineLease implements DisposableBean {
  /** Message name; no process waits for it. */
  public static final String MESSAGE = "baton-engine-lease";

  static final Duration SLOT = Duration.ofSeconds(2);
  static final Duration WAIT = SLOT.multipliedBy(4);
  private static final Duration TTL = SLOT.multipliedBy(3);

  private static final Logger LOG = LoggerFactory.getLogger(EngineLease.class);

  private final CamundaClient client;
  private final Clock clock;
  private final String owner;
  private final ScheduledExecutorService renewal;

  private EngineLease(CamundaClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
    this.owner = ManagementFactory.getRuntimeMXBean().getName();
    this.renewal =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "baton-engine-lease");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Takes the lease and keeps it until {@link #destroy()}; may wait up to {@link #WAIT} for one
   * that lapses.
   *
   * @param where the engine's address, for the message
   * @throws IllegalStateException when another Baton holds it, in one sentence
   */
  public static EngineLease acquire(CamundaClient client, Clock clock, String where) {
    EngineLease lease = new EngineLease(client, clock);
    long deadline = clock.millis() + WAIT.toMillis();
    while (true) {
      long slot = lease.slot();
      if (lease.publish(slot) && lease.publish(slot + 1)) {
        break;
      }
      if (clock.millis() > deadline) {
        lease.renewal.shutdownNow();
        throw new IllegalStateException(
            "another Baton is using the external engine at "
                + where
                + " (it renews its lease; one Baton per"
                + " engine, see README, External mode): stop it, or give this Baton an engine of its own");
      }
      LOG.info("engine lease taken, waiting for it to lapse");
      try {
        Thread.sleep(SLOT.toMillis() / 4);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the engine lease", e);
      }
    }
    long half = SLOT.toMillis() / 2;
    lease.renewal.scheduleWithFixedDelay(lease::renew, half, half, TimeUnit.MILLISECONDS);
    return lease;
  }

  private long slot() {
    return clock.millis() / SLOT.toMillis();
  }

  private void renew() {
    try {
      long slot = slot();
      publish(slot + 1);
      publish(slot + 2);
    } catch (RuntimeException e) {
      LOG.warn("engine lease not renewed: {}", e.getMessage());
    }
  }

  /**
   * @return false when the engine already holds this slot's lease message
   */
  private boolean publish(long slot) {
    try {
      client
          .newPublishMessageCommand()
          .messageName(MESSAGE)
          .correlationKey("baton")
          .messageId(MESSAGE + "-" + slot)
          .timeToLive(TTL)
          .variable("owner", owner)
          .send()
          .join();
      return true;
    } catch (ClientStatusException e) {
      if (e.getStatusCode() == Status.Code.ALREADY_EXISTS) {
        return false;
      }
      throw e;
    } catch (ProblemException e) {
      if (e.code() == 409) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public void destroy() {
    renewal.shutdownNow();
  }
}
