package dev.baton.board;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes CLAUDE.md without ever destroying what an agent wrote.
 *
 * <p>Agents edit the file by hand, whole-file, at any moment, and do not lock it. Two parts keep it
 * safe, each in its own class because they change for different reasons: {@link BoardFile} reads
 * the file, waiting out a half-written one, and writes with compare-and-swap and an atomic rename,
 * never over a concurrent edit; {@link BoardRepairs} remembers what reads and Baton's writes showed
 * and works out what an agent's stale or cut write erased. This class is the API the rest of Baton
 * uses: it serialises Baton's writes, and {@link #reconcile()} is the one place where repairs are
 * worked out and written.
 */
public final class BoardStore {

  private static final Logger log = LoggerFactory.getLogger(BoardStore.class);

  private final Clock clock;
  private final BoardFile file;
  private final BoardRepairs repairs;

  /**
   * Baton's writes go one at a time; the repairs' memory of Baton's writes is guarded by this lock
   * too.
   */
  private final ReentrantLock writeLock = new ReentrantLock();

  public BoardStore(Path file, Clock clock) {
    this(file, clock, BoardStoreOptions.defaults());
  }

  public BoardStore(Path file, Clock clock, BoardStoreOptions options) {
    this.clock = clock;
    this.repairs = new BoardRepairs(clock, options);
    this.file = new BoardFile(file, clock, options, repairs);
  }

  public Path file() {
    return file.path();
  }

  public Clock clock() {
    return clock;
  }

  /** The board as it is now; a missing file reads as an empty board (with its problems listed). */
  public Board read() {
    return file.read();
  }

  /**
   * Applies a change with compare-and-swap and returns what the mutation returned on the round that
   * was written. Nothing is written when the mutation changes nothing.
   *
   * @throws BoardException when the change cannot be made (unknown task, unreadable file) or agents
   *     kept the file moving for {@code maxAttempts} rounds
   */
  public <T> T update(BoardMutation<T> mutation) {
    writeLock.lock();
    try {
      return file.write(mutation, true);
    } finally {
      writeLock.unlock();
    }
  }

  /** Adds PENDING (or as given) tasks; ids continue after the highest in queue and log. */
  public List<TaskId> addTasks(List<NewTask> tasks) {
    return update(e -> tasks.stream().map(e::addTask).toList());
  }

  public TaskId addTask(String description, Priority priority) {
    return update(e -> e.addTask(NewTask.pending(description, priority)));
  }

  public void setStatus(TaskId id, TaskStatus status) {
    update(
        e -> {
          e.setStatus(id, status);
          return null;
        });
  }

  public void setAssignedTo(TaskId id, String assignedTo) {
    update(
        e -> {
          e.setAssignedTo(id, assignedTo);
          return null;
        });
  }

  /** Assigns and sets the status in one write, as Baton does when it hands a task to an agent. */
  public void assign(TaskId id, String assignedTo, TaskStatus status) {
    update(
        e -> {
          e.setAssignedTo(id, assignedTo);
          e.setStatus(id, status);
          return null;
        });
  }

  /** Appends a completion-log line dated today. */
  public void appendLog(String agent, TaskId id, TaskStatus status, String note) {
    LogEntry entry = LogEntry.of(LocalDate.now(clock).toString(), agent, id, status, note);
    update(
        e -> {
          e.appendLog(entry);
          return null;
        });
  }

  public void setProgress(int percent) {
    update(
        e -> {
          e.setProgress(percent);
          return null;
        });
  }

  /**
   * Puts back what agents' lost updates erased: Baton's own recent writes first, then statuses that
   * the completion log reports as COMPLETED/BLOCKED while the queue row does not (or the row is
   * gone). A row is only repaired when it is not already final and the log line's agent is the
   * row's assignee, so a task Baton re-assigned after a BLOCKED is left alone. With {@code
   * restoreSeenStatuses}, a COMPLETED/BLOCKED that any earlier read saw (the watcher reads every
   * change) and that went back without Baton changing it is restored the same way.
   */
  public List<Repair> reconcile() {
    writeLock.lock();
    try {
      List<Intent> watched = repairs.watched();
      BoardRepairs.Reconciliation r;
      try {
        r = file.write(editor -> repairs.onto(editor, watched), false);
      } catch (BoardFile.Truncated e) {
        log.warn("board not reconciled: {}", e.getMessage());
        return List.of();
      }
      repairs.forget(r.superseded());
      r.repairs()
          .forEach(rep -> log.info("board {}: {}", file.path().getFileName(), rep.describe()));
      return r.repairs();
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Rows an earlier Baton added (from a run's journal): watched like the rows this one adds, so
   * that one an agent's stale write erased is put back when Baton next reconciles or acts on it.
   */
  public void rememberAdded(java.util.Collection<TaskRow> rows) {
    writeLock.lock();
    try {
      repairs.rememberAdded(rows);
    } finally {
      writeLock.unlock();
    }
  }
}
