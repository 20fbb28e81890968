package dev.baton.board;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Puts back what agents' writes damaged: what no compare-and-swap can prevent, an agent writing
 * back a stale copy minutes later, or a whole-file write that cut a row short. Kept apart from
 * {@link BoardFile} because these rules change with how agents behave, not with how files are
 * written; {@link BoardStore#reconcile()} is the one place that runs them.
 *
 * <p>It remembers, from every read the file part reports ({@link BoardFile.Witness}), each row as
 * last read whole, each COMPLETED/BLOCKED row and log line, and, from every write, Baton's own
 * recent changes ({@link Intent}s) and the statuses Baton itself replaced. {@link #onto} then
 * restores, in this order: Baton's erased writes, statuses the completion log reports but the queue
 * lost (a missing row re-created, a cut row put back as last read whole, {@link
 * BoardEditor#restoreCutRow}), rows cut short with no log line, and with {@code
 * restoreSeenStatuses} log lines and final statuses an earlier read saw.
 *
 * <p>Reads report from any thread (the maps are concurrent); writes and {@link #onto} run under the
 * store's lock.
 */
final class BoardRepairs implements BoardFile.Witness {

  private final Clock clock;
  private final BoardStoreOptions options;

  /** Baton's writes still watched for erasure, oldest first. Guarded by the store's write lock. */
  private final LinkedHashMap<Intent, Instant> guards = new LinkedHashMap<>();

  /**
   * Log entries already present when Baton last set a task's status: they no longer speak for it.
   */
  private final Map<TaskId, Set<LogEntry>> acknowledged = new HashMap<>();

  /** Last row seen COMPLETED/BLOCKED per task, until Baton itself changes that task's status. */
  private final Map<TaskId, TaskRow> seenFinal = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Each row as the last read that could read it whole had it: what a row cut short by an agent's
   * write was.
   */
  private final Map<TaskId, TaskRow> seenWhole = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Completion-log lines with a COMPLETED/BLOCKED status that some read saw, in the order first
   * seen.
   */
  private final Set<LogEntry> seenLog =
      java.util.Collections.synchronizedSet(new java.util.LinkedHashSet<>());

  /**
   * When Baton last set each task's status, so that a read older than that is not taken as seen.
   */
  private final Map<TaskId, Long> statusWrittenAt = new java.util.concurrent.ConcurrentHashMap<>();

  private final java.util.concurrent.atomic.AtomicLong writeCount =
      new java.util.concurrent.atomic.AtomicLong();

  /**
   * The COMPLETED/BLOCKED row Baton overwrote the last time it set each task's status: Baton has
   * acted on it, so the same agent's same status arriving later (its log line, its stale copy of
   * the row) is not news to restore.
   */
  private final Map<TaskId, TaskRow> actedOn = new java.util.concurrent.ConcurrentHashMap<>();

  BoardRepairs(Clock clock, BoardStoreOptions options) {
    this.clock = clock;
    this.options = options;
  }

  @Override
  public long mark() {
    return writeCount.get();
  }

  /**
   * Baton's writes still worth watching now: those older than {@code guardRetention} are let go.
   */
  List<Intent> watched() {
    Instant now = clock.instant();
    guards.values().removeIf(t -> t.plus(options.guardRetention()).isBefore(now));
    return List.copyOf(guards.keySet());
  }

  /** Intents a later change made moot: no longer watched. */
  void forget(List<Intent> superseded) {
    superseded.forEach(guards::remove);
  }

  /**
   * What one reconciliation put back, and Baton's writes it found superseded (no longer watched).
   */
  record Reconciliation(List<Repair> repairs, List<Intent> superseded) {}

  /**
   * Works out what to put back and applies it to {@code editor}.
   *
   * @param watched Baton's writes to check (from {@link #watched()})
   */
  Reconciliation onto(BoardEditor editor, List<Intent> watched) {
    Board board = editor.board();
    List<Repair> repairs = new ArrayList<>();
    List<Intent> superseded = new ArrayList<>();
    for (Intent intent : watched) {
      switch (intent.check(board)) {
        case SUPERSEDED -> superseded.add(intent);
        case PRESENT -> {}
        case LOST -> {
          try {
            TaskId id =
                switch (intent) {
                  case Intent.TaskAdded a -> a.row().id();
                  case Intent.CellSet c -> c.id();
                  case Intent.LogAppended l -> l.entry().taskId();
                  case Intent.ProgressSet p -> null;
                };
            TaskStatus before =
                id == null ? null : editor.current(id).map(TaskRow::status).orElse(null);
            intent.reapply(editor);
            TaskStatus after =
                id == null ? null : editor.current(id).map(TaskRow::status).orElse(null);
            repairs.add(
                new Repair(
                    id,
                    Repair.Kind.BATON_WRITE_RESTORED,
                    before,
                    after,
                    intent.describe() + " had been erased"));
          } catch (BoardException e) {
            superseded.add(intent);
          }
        }
      }
    }
    Map<TaskId, LogEntry> latest = new LinkedHashMap<>();
    for (LogEntry e : board.log()) {
      if (e.taskId() != null && e.status() != null) {
        latest.put(e.taskId(), e);
      }
    }
    for (LogEntry e : latest.values()) {
      TaskId id = e.taskId();
      if (!e.status().isFinal()
          || acknowledged.getOrDefault(id, Set.of()).contains(e)
          || alreadyActedOn(id, e.status(), e.agent())) {
        continue;
      }
      var row = editor.current(id);
      if (row.isEmpty() && board.queueCells(id) == null) {
        editor.insertTask(
            new TaskRow(
                id,
                "(restored from the completion log) " + e.note(),
                e.agent(),
                null,
                e.status(),
                e.status().name(),
                e.date(),
                Map.of()));
        repairs.add(
            new Repair(
                id,
                Repair.Kind.ROW_RESTORED_FROM_LOG,
                null,
                e.status(),
                "queue row of "
                    + id
                    + " was missing; re-created as "
                    + e.status()
                    + " from the log line of "
                    + e.agent()
                    + " ("
                    + e.date()
                    + ")"));
      } else if (row.isEmpty()
          && seenWhole.containsKey(id)
          && editor.restoreCutRow(id, seenWhole.get(id), e.status())) {
        repairs.add(
            new Repair(
                id,
                Repair.Kind.STATUS_RESTORED_FROM_LOG,
                null,
                e.status(),
                "row of "
                    + id
                    + " was cut short by an agent's write; put back as Baton last read it whole, with "
                    + e.status()
                    + " from the log"));
      } else if (row.isEmpty()) {
        editor.setStatus(id, e.status());
        repairs.add(
            new Repair(
                id,
                Repair.Kind.STATUS_RESTORED_FROM_LOG,
                null,
                e.status(),
                "unreadable status of " + id + " replaced by " + e.status() + " from the log"));
      } else if (!row.get().status().isFinal() && sameAgent(row.get().assignedTo(), e.agent())) {
        TaskStatus from = row.get().status();
        editor.setStatus(id, e.status());
        repairs.add(
            new Repair(
                id,
                Repair.Kind.STATUS_RESTORED_FROM_LOG,
                from,
                e.status(),
                id
                    + " was "
                    + from
                    + " in the queue but "
                    + e.agent()
                    + " logged "
                    + e.status()
                    + " ("
                    + e.date()
                    + ")"));
      }
    }
    for (TaskId id : board.queueIds()) {
      TaskRow whole = seenWhole.get(id);
      if (whole != null
          && editor.current(id).isEmpty()
          && editor.restoreCutRow(id, whole, whole.status())) {
        repairs.add(
            new Repair(
                id,
                Repair.Kind.STATUS_RESTORED_FROM_HISTORY,
                null,
                whole.status(),
                "row of "
                    + id
                    + " was cut short by an agent's write; put back as Baton last read it whole"));
      }
    }
    if (options.restoreSeenStatuses()) {
      restoreSeenLogLines(editor, board, repairs);
      for (TaskRow seen : List.copyOf(seenFinal.values())) {
        TaskId id = seen.id();
        var row = editor.current(id);
        if (row.isEmpty() && board.queueCells(id) == null) {
          editor.insertTask(seen);
          repairs.add(
              new Repair(
                  id,
                  Repair.Kind.ROW_RESTORED_FROM_HISTORY,
                  null,
                  seen.status(),
                  "queue row of "
                      + id
                      + " was missing; re-created as Baton last read it ("
                      + seen.status()
                      + ")"));
        } else if (row.isPresent()
            && !row.get().status().isFinal()
            && sameAgent(row.get().assignedTo(), seen.assignedTo())
            && !alreadyActedOn(id, seen.status(), seen.assignedTo())) {
          TaskStatus from = row.get().status();
          editor.setStatus(id, seen.status());
          repairs.add(
              new Repair(
                  id,
                  Repair.Kind.STATUS_RESTORED_FROM_HISTORY,
                  from,
                  seen.status(),
                  id
                      + " was read as "
                      + seen.status()
                      + " earlier, then went back to "
                      + from
                      + " by a write that did not include it"));
        }
      }
    }
    return new Reconciliation(List.copyOf(repairs), List.copyOf(superseded));
  }

  /**
   * The completion log is append-only in the seed's method, so a line that an earlier read saw and
   * that is gone was erased by another writer's stale copy, not retracted. It is appended again,
   * unless the same agent has since logged the same status for the task (an edited note), or the
   * task no longer has a queue row (the board was cleared on purpose).
   */
  private void restoreSeenLogLines(BoardEditor editor, Board board, List<Repair> repairs) {
    List<LogEntry> seen;
    synchronized (seenLog) {
      seen = List.copyOf(seenLog);
    }
    Set<LogEntry> present = new HashSet<>(board.log());
    for (LogEntry e : seen) {
      if (present.contains(e) || board.queueCells(e.taskId()) == null) {
        continue;
      }
      boolean reworded =
          board.log().stream()
              .anyMatch(
                  l ->
                      e.taskId().equals(l.taskId())
                          && e.status() == l.status()
                          && sameName(e.agent(), l.agent()));
      if (reworded) {
        continue;
      }
      editor.appendLog(e);
      present.add(e);
      repairs.add(
          new Repair(
              e.taskId(),
              Repair.Kind.LOG_LINE_RESTORED_FROM_HISTORY,
              null,
              null,
              "completion log line of "
                  + e.agent()
                  + " for "
                  + e.taskId()
                  + " ("
                  + e.status()
                  + ") had been erased; appended again as Baton last read it"));
    }
  }

  /**
   * Baton itself replaced this agent's status on the task: restoring it would undo Baton's own
   * change.
   */
  private boolean alreadyActedOn(TaskId id, TaskStatus status, String agent) {
    TaskRow acted = actedOn.get(id);
    return acted != null && acted.status() == status && sameAgent(acted.assignedTo(), agent);
  }

  /** {@code AMP (w4)} and {@code AMP} are the same agent; {@code AMP-2} is not {@code AMP}. */
  static boolean sameAgent(String assignedTo, String agent) {
    Optional<Assignee> a = Assignee.parse(assignedTo);
    Optional<Assignee> b = Assignee.parse(agent);
    return a.isEmpty() || b.isEmpty() || a.get().sameAgent(b.get());
  }

  /**
   * Like {@link #sameAgent}, but two cells naming nobody are the same and one naming nobody is not
   * anyone.
   */
  private static boolean sameName(String a, String b) {
    Optional<Assignee> x = Assignee.parse(a);
    Optional<Assignee> y = Assignee.parse(b);
    return x.isEmpty() ? y.isEmpty() : x.get().sameAgent(y.orElse(null));
  }

  @Override
  public void seen(Board board, long readAt) {
    for (LogEntry e : board.log()) {
      if (e.taskId() != null && e.status() != null && e.status().isFinal()) {
        seenLog.add(e);
      }
    }
    for (TaskRow row : board.tasks()) {
      seenWhole.put(row.id(), row);
      if (row.status().isFinal() && statusWrittenAt.getOrDefault(row.id(), -1L) <= readAt) {
        seenFinal.put(row.id(), row);
      }
    }
  }

  /**
   * Rows an earlier Baton added (from a run's journal): watched like the rows this one adds, so
   * that one an agent's stale write erased is put back when Baton next reconciles or acts on it.
   */
  void rememberAdded(java.util.Collection<TaskRow> rows) {
    Instant now = clock.instant();
    for (TaskRow row : rows) {
      guards.putIfAbsent(new Intent.TaskAdded(row), now);
    }
  }

  @Override
  public Map<TaskId, TaskRow> restorable() {
    Map<TaskId, TaskRow> rows = new HashMap<>();
    for (Intent i : guards.keySet()) {
      if (i instanceof Intent.TaskAdded a) {
        rows.put(a.row().id(), a.row());
      }
    }
    return rows;
  }

  @Override
  public void written(BoardEditor editor, Board base, boolean acknowledge) {
    Instant now = clock.instant();
    for (Intent i : editor.intents()) {
      guards.keySet().removeIf(g -> g.equals(i) || replaces(i, g));
      guards.put(i, now);
      if (i instanceof Intent.CellSet c && c.column() == Column.STATUS && acknowledge) {
        statusWrittenAt.put(c.id(), writeCount.incrementAndGet());
        seenFinal.remove(c.id());
        TaskRow was = base.task(c.id()).orElse(null);
        if (was != null && was.status().isFinal()) {
          actedOn.put(c.id(), was);
        } else {
          actedOn.remove(c.id());
        }
        Set<LogEntry> seen = new HashSet<>();
        for (LogEntry e : base.log()) {
          if (c.id().equals(e.taskId())) {
            seen.add(e);
          }
        }
        acknowledged.put(c.id(), seen);
      }
    }
    Iterator<Intent> it = guards.keySet().iterator();
    while (guards.size() > options.maxGuards() && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  /** A newer write of the same cell (or of the progress) makes the older one nothing to restore. */
  private static boolean replaces(Intent newer, Intent older) {
    if (newer instanceof Intent.CellSet n && older instanceof Intent.CellSet o) {
      return n.id().equals(o.id()) && n.column() == o.column();
    }
    return newer instanceof Intent.ProgressSet && older instanceof Intent.ProgressSet;
  }
}
