package dev.baton.board;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices agents' edits to the board and reports each task status change.
 *
 * <p>A WatchService on the folder (the file itself is replaced by renames, so watching it would
 * lose track) wakes a re-read a short debounce after the first event, so that a burst of events
 * from one save gives one read. A periodic re-read covers platforms and file systems where events
 * are late or missing. Changes are found by comparing with the previous reading, so a missed event
 * only delays a change, never loses it.
 */
public final class BoardWatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BoardWatcher.class);

  private final BoardStore store;
  private final BoardListener listener;
  private final Duration debounce;
  private final Duration fallbackInterval;
  private final AtomicBoolean checkPending = new AtomicBoolean();
  private ScheduledExecutorService scheduler;
  private WatchService watchService;
  private Thread watchThread;
  private volatile Board last;

  /**
   * @param debounce wait after the first file event before re-reading (e.g. 30 ms)
   * @param fallbackInterval re-read this often whatever the events say (e.g. 2 s)
   */
  public BoardWatcher(
      BoardStore store, BoardListener listener, Duration debounce, Duration fallbackInterval) {
    this.store = Objects.requireNonNull(store);
    this.listener = Objects.requireNonNull(listener);
    this.debounce = debounce;
    this.fallbackInterval = fallbackInterval;
  }

  /** Reads the board once (no events for what is already there) and starts watching. */
  public synchronized void start() {
    if (scheduler != null) {
      throw new IllegalStateException("watcher already started");
    }
    last = store.read();
    Path file = store.file();
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "board-watcher-" + file.getFileName());
              t.setDaemon(true);
              return t;
            });
    try {
      watchService = FileSystems.getDefault().newWatchService();
      file.getParent()
          .register(
              watchService,
              StandardWatchEventKinds.ENTRY_CREATE,
              StandardWatchEventKinds.ENTRY_MODIFY,
              StandardWatchEventKinds.ENTRY_DELETE);
      watchThread = new Thread(this::watchLoop, "board-events-" + file.getFileName());
      watchThread.setDaemon(true);
      watchThread.start();
    } catch (IOException | UnsupportedOperationException e) {
      log.warn(
          "cannot watch {} ({}); relying on re-reads every {}",
          file.getParent(),
          e.getMessage(),
          fallbackInterval);
    }
    long every = Math.max(1, fallbackInterval.toMillis());
    scheduler.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
  }

  /** Stops watching; no listener call starts after this returns. */
  public synchronized void stop() {
    if (scheduler == null) {
      return;
    }
    try {
      if (watchService != null) {
        watchService.close();
      }
    } catch (IOException ignored) {
      // closing only wakes the event thread
    }
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
      if (watchThread != null) {
        watchThread.join(5000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    scheduler = null;
    watchService = null;
    watchThread = null;
  }

  @Override
  public void close() {
    stop();
  }

  /** The last board read by the watcher. */
  public Board current() {
    return last;
  }

  private void watchLoop() {
    String name = store.file().getFileName().toString();
    try {
      while (true) {
        WatchKey key = watchService.take();
        boolean relevant = false;
        for (WatchEvent<?> event : key.pollEvents()) {
          if (event.kind() == StandardWatchEventKinds.OVERFLOW
              || name.equals(String.valueOf(event.context()))) {
            relevant = true;
          }
        }
        key.reset();
        if (relevant && checkPending.compareAndSet(false, true)) {
          scheduler.schedule(
              () -> {
                checkPending.set(false);
                check();
              },
              debounce.toMillis(),
              TimeUnit.MILLISECONDS);
        }
      }
    } catch (ClosedWatchServiceException | InterruptedException e) {
      // stopped
    } catch (RuntimeException e) {
      log.warn("board watcher for {} stopped listening for events: {}", store.file(), e.toString());
    }
  }

  private void check() {
    try {
      Board now = store.read();
      Board before = last;
      if (now.text().equals(before.text())) {
        return;
      }
      if (now.truncated()) {
        // an agent's write read halfway: its missing rows are not gone, and its complete write will
        // follow
        log.info(
            "board {} looks truncated (being written?); waiting for the rest",
            store.file().getFileName());
        return;
      }
      last = now;
      Map<TaskId, TaskRow> old = new java.util.HashMap<>();
      before.tasks().forEach(t -> old.put(t.id(), t));
      for (TaskRow row : now.tasks()) {
        TaskRow prev = old.get(row.id());
        if (prev == null || prev.status() != row.status()) {
          TaskChange change =
              new TaskChange(row.id(), prev == null ? null : prev.status(), row.status(), row);
          log.debug("board {}: {}", store.file().getFileName(), change);
          safely(() -> listener.taskChanged(change));
        }
      }
      safely(() -> listener.boardChanged(now));
    } catch (RuntimeException e) {
      log.warn("cannot re-read {}: {}", store.file(), e.getMessage());
    }
  }

  private void safely(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.warn("board listener failed: {}", e.toString());
    }
  }
}
