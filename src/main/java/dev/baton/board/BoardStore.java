package dev.baton.board;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes CLAUDE.md without ever destroying what an agent wrote.
 *
 * <p>Agents edit the file by hand, whole-file, at any moment, and do not lock it. Every change
 * Baton makes is therefore a {@link BoardMutation} run against the file as it is: read, apply,
 * re-read just before writing and start over if the bytes moved on, then write a temp file in the
 * same folder and rename it over the board atomically, keeping its permissions. An agent whose
 * non-atomic write lands in the old file during the rename is caught by reading the old file
 * again afterwards, and the change is re-applied on top of the agent's text. Baton's own writes
 * go one at a time.
 *
 * <p>What no compare-and-swap can prevent, an agent writing back a stale copy minutes later, is
 * handled by {@link #reconcile()}: Baton's recent writes are re-applied if they were erased, and
 * statuses the completion log reports but the queue lost are put back.
 */
public final class BoardStore {

    private static final Logger log = LoggerFactory.getLogger(BoardStore.class);
    private static final Set<PosixFilePermission> NEW_FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-r--r--");

    private final Path file;
    private final Clock clock;
    private final BoardStoreOptions options;
    private final BoardCodec codec = new BoardCodec();
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Baton's writes still watched for erasure, oldest first. Guarded by writeLock. */
    private final LinkedHashMap<Intent, Instant> guards = new LinkedHashMap<>();
    /** Log entries already present when Baton last set a task's status: they no longer speak for it. */
    private final Map<TaskId, Set<LogEntry>> acknowledged = new HashMap<>();
    /** Last row seen COMPLETED/BLOCKED per task, until Baton itself changes that task's status. */
    private final Map<TaskId, TaskRow> seenFinal = new java.util.concurrent.ConcurrentHashMap<>();
    /** Each row as the last read that could read it whole had it: what a row cut short by an agent's write was. */
    private final Map<TaskId, TaskRow> seenWhole = new java.util.concurrent.ConcurrentHashMap<>();
    /** Completion-log lines with a COMPLETED/BLOCKED status that some read saw, in the order first seen. */
    private final Set<LogEntry> seenLog = java.util.Collections.synchronizedSet(new java.util.LinkedHashSet<>());
    /** When Baton last set each task's status, so that a read older than that is not taken as seen. */
    private final Map<TaskId, Long> statusWrittenAt = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong writeCount = new java.util.concurrent.atomic.AtomicLong();
    /**
     * The COMPLETED/BLOCKED row Baton overwrote the last time it set each task's status: Baton has acted on it, so
     * the same agent's same status arriving later (its log line, its stale copy of the row) is not news to restore.
     */
    private final Map<TaskId, TaskRow> actedOn = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Shape lastShape = Shape.NONE;
    /** The last complete board read (it had a queue and was not cut): its prose survives a deleted file. */
    private volatile Board lastGood;
    /**
     * The last bytes parsed and what they gave. Workers, the watcher and reconciliation read the same unchanged
     * board many times per completion; a board is immutable, so equal bytes reuse it instead of parsing again.
     */
    private volatile Parsed lastParsed;

    private record Parsed(byte[] bytes, Decoded decoded, Board board) {
    }

    public BoardStore(Path file, Clock clock) {
        this(file, clock, BoardStoreOptions.defaults());
    }

    public BoardStore(Path file, Clock clock, BoardStoreOptions options) {
        this.file = file.toAbsolutePath();
        this.clock = clock;
        this.options = options;
    }

    public Path file() {
        return file;
    }

    public Clock clock() {
        return clock;
    }

    /** The board as it is now; a missing file reads as an empty board (with its problems listed). */
    public Board read() {
        Snapshot s = readSettled(false);
        s.close();
        return s.board();
    }

    /**
     * Applies a change with compare-and-swap and returns what the mutation returned on the round
     * that was written. Nothing is written when the mutation changes nothing.
     *
     * @throws BoardException when the change cannot be made (unknown task, unreadable file) or
     *                        agents kept the file moving for {@code maxAttempts} rounds
     */
    public <T> T update(BoardMutation<T> mutation) {
        writeLock.lock();
        try {
            return casWrite(mutation, true);
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
        update(e -> {
            e.setStatus(id, status);
            return null;
        });
    }

    public void setAssignedTo(TaskId id, String assignedTo) {
        update(e -> {
            e.setAssignedTo(id, assignedTo);
            return null;
        });
    }

    /** Assigns and sets the status in one write, as Baton does when it hands a task to an agent. */
    public void assign(TaskId id, String assignedTo, TaskStatus status) {
        update(e -> {
            e.setAssignedTo(id, assignedTo);
            e.setStatus(id, status);
            return null;
        });
    }

    /** Appends a completion-log line dated today. */
    public void appendLog(String agent, TaskId id, TaskStatus status, String note) {
        LogEntry entry = LogEntry.of(LocalDate.now(clock).toString(), agent, id, status, note);
        update(e -> {
            e.appendLog(entry);
            return null;
        });
    }

    public void setProgress(int percent) {
        update(e -> {
            e.setProgress(percent);
            return null;
        });
    }

    /**
     * Puts back what agents' lost updates erased: Baton's own recent writes first, then statuses
     * that the completion log reports as COMPLETED/BLOCKED while the queue row does not (or the row
     * is gone). A row is only repaired when it is not already final and the log line's agent is
     * the row's assignee, so a task Baton re-assigned after a BLOCKED is left alone. With
     * {@code restoreSeenStatuses}, a COMPLETED/BLOCKED that any earlier read saw (the watcher reads
     * every change) and that went back without Baton changing it is restored the same way.
     */
    public List<Repair> reconcile() {
        writeLock.lock();
        try {
            Instant now = clock.instant();
            guards.values().removeIf(t -> t.plus(options.guardRetention()).isBefore(now));
            List<Intent> watched = List.copyOf(guards.keySet());
            Reconciliation r;
            try {
                r = casWrite(editor -> reconcileOnto(editor, watched), false);
            } catch (Truncated e) {
                log.warn("board not reconciled: {}", e.getMessage());
                return List.of();
            }
            r.superseded().forEach(guards::remove);
            r.repairs().forEach(rep -> log.info("board {}: {}", file.getFileName(), rep.describe()));
            return r.repairs();
        } finally {
            writeLock.unlock();
        }
    }

    private record Reconciliation(List<Repair> repairs, List<Intent> superseded) {
    }

    private Reconciliation reconcileOnto(BoardEditor editor, List<Intent> watched) {
        Board board = editor.board();
        List<Repair> repairs = new ArrayList<>();
        List<Intent> superseded = new ArrayList<>();
        for (Intent intent : watched) {
            switch (intent.check(board)) {
                case SUPERSEDED -> superseded.add(intent);
                case PRESENT -> { }
                case LOST -> {
                    try {
                        TaskId id = switch (intent) {
                            case Intent.TaskAdded a -> a.row().id();
                            case Intent.CellSet c -> c.id();
                            case Intent.LogAppended l -> l.entry().taskId();
                            case Intent.ProgressSet p -> null;
                        };
                        TaskStatus before = id == null ? null : editor.current(id).map(TaskRow::status).orElse(null);
                        intent.reapply(editor);
                        TaskStatus after = id == null ? null : editor.current(id).map(TaskRow::status).orElse(null);
                        repairs.add(new Repair(id, Repair.Kind.BATON_WRITE_RESTORED, before, after,
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
            if (!e.status().isFinal() || acknowledged.getOrDefault(id, Set.of()).contains(e)
                    || alreadyActedOn(id, e.status(), e.agent())) {
                continue;
            }
            var row = editor.current(id);
            if (row.isEmpty() && board.queueCells(id) == null) {
                editor.insertTask(new TaskRow(id, "(restored from the completion log) " + e.note(), e.agent(), null,
                        e.status(), e.status().name(), e.date(), Map.of()));
                repairs.add(new Repair(id, Repair.Kind.ROW_RESTORED_FROM_LOG, null, e.status(),
                        "queue row of " + id + " was missing; re-created as " + e.status() + " from the log line of "
                                + e.agent() + " (" + e.date() + ")"));
            } else if (row.isEmpty() && seenWhole.containsKey(id)
                    && editor.restoreCutRow(id, seenWhole.get(id), e.status())) {
                repairs.add(new Repair(id, Repair.Kind.STATUS_RESTORED_FROM_LOG, null, e.status(),
                        "row of " + id + " was cut short by an agent's write; put back as Baton last read it whole, with "
                                + e.status() + " from the log"));
            } else if (row.isEmpty()) {
                editor.setStatus(id, e.status());
                repairs.add(new Repair(id, Repair.Kind.STATUS_RESTORED_FROM_LOG, null, e.status(),
                        "unreadable status of " + id + " replaced by " + e.status() + " from the log"));
            } else if (!row.get().status().isFinal() && sameAgent(row.get().assignedTo(), e.agent())) {
                TaskStatus from = row.get().status();
                editor.setStatus(id, e.status());
                repairs.add(new Repair(id, Repair.Kind.STATUS_RESTORED_FROM_LOG, from, e.status(),
                        id + " was " + from + " in the queue but " + e.agent() + " logged " + e.status()
                                + " (" + e.date() + ")"));
            }
        }
        for (TaskId id : board.queueIds()) {
            TaskRow whole = seenWhole.get(id);
            if (whole != null && editor.current(id).isEmpty() && editor.restoreCutRow(id, whole, whole.status())) {
                repairs.add(new Repair(id, Repair.Kind.STATUS_RESTORED_FROM_HISTORY, null, whole.status(),
                        "row of " + id + " was cut short by an agent's write; put back as Baton last read it whole"));
            }
        }
        if (options.restoreSeenStatuses()) {
            restoreSeenLogLines(editor, board, repairs);
            for (TaskRow seen : List.copyOf(seenFinal.values())) {
                TaskId id = seen.id();
                var row = editor.current(id);
                if (row.isEmpty() && board.queueCells(id) == null) {
                    editor.insertTask(seen);
                    repairs.add(new Repair(id, Repair.Kind.ROW_RESTORED_FROM_HISTORY, null, seen.status(),
                            "queue row of " + id + " was missing; re-created as Baton last read it (" + seen.status()
                                    + ")"));
                } else if (row.isPresent() && !row.get().status().isFinal()
                        && sameAgent(row.get().assignedTo(), seen.assignedTo())
                        && !alreadyActedOn(id, seen.status(), seen.assignedTo())) {
                    TaskStatus from = row.get().status();
                    editor.setStatus(id, seen.status());
                    repairs.add(new Repair(id, Repair.Kind.STATUS_RESTORED_FROM_HISTORY, from, seen.status(),
                            id + " was read as " + seen.status() + " earlier, then went back to " + from
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
            boolean reworded = board.log().stream().anyMatch(l -> e.taskId().equals(l.taskId())
                    && e.status() == l.status() && sameName(e.agent(), l.agent()));
            if (reworded) {
                continue;
            }
            editor.appendLog(e);
            present.add(e);
            repairs.add(new Repair(e.taskId(), Repair.Kind.LOG_LINE_RESTORED_FROM_HISTORY, null, null,
                    "completion log line of " + e.agent() + " for " + e.taskId() + " (" + e.status()
                            + ") had been erased; appended again as Baton last read it"));
        }
    }

    /** Baton itself replaced this agent's status on the task: restoring it would undo Baton's own change. */
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

    /** Like {@link #sameAgent}, but two cells naming nobody are the same and one naming nobody is not anyone. */
    private static boolean sameName(String a, String b) {
        Optional<Assignee> x = Assignee.parse(a);
        Optional<Assignee> y = Assignee.parse(b);
        return x.isEmpty() ? y.isEmpty() : x.get().sameAgent(y.orElse(null));
    }

    private <T> T casWrite(BoardMutation<T> mutation, boolean acknowledge) {
        String forcedBase = null;
        String mustBeCurrent = null;
        for (int attempt = 1; attempt <= options.maxAttempts(); attempt++) {
            try (Snapshot snap = readSettled(true)) {
                if (snap.malformed()) {
                    throw new BoardException(file + " is not valid UTF-8; Baton will not rewrite it");
                }
                if (snap.board().truncated()) {
                    throw new Truncated(truncatedMessage(snap.board()));
                }
                String baseText = snap.text();
                if (forcedBase != null && snap.text().equals(mustBeCurrent)) {
                    baseText = forcedBase;
                }
                forcedBase = null;
                Board board = baseText.equals(snap.text()) ? snap.board() : codec.parse(file, baseText);
                // a deleted or emptied board is rebuilt on the prose of the last complete copy Baton read
                Board good = lastGood;
                boolean rebuilt = baseText.isBlank() && good != null;
                if (rebuilt) {
                    board = codec.parse(file, good.withoutRows());
                }
                BoardEditor editor = new BoardEditor(board, clock);
                editor.restorable(addedRows());
                T result = mutation.apply(editor);
                String out = editor.result();
                if (out.equals(rebuilt ? board.text() : snap.text())) {
                    return result;
                }
                byte[] bytes = out.getBytes(StandardCharsets.UTF_8);
                if (!Arrays.equals(readBytesOrNull(), snap.bytes())) {
                    log.debug("board {} moved on before write (attempt {})", file.getFileName(), attempt);
                    continue;
                }
                writeAtomically(bytes, snap.permissions());
                lastShape = new Shape(board.hasQueueSection() || out.contains(BoardCodec.QUEUE_HEADING),
                        board.hasLogSection() || out.contains(BoardCodec.LOG_HEADING),
                        board.rowCount() + editor.addedRowCount(), out.endsWith("\n"), out.length());
                remember(editor, board, acknowledge);
                String overwritten = writtenIntoOldFile(snap);
                if (overwritten == null) {
                    return result;
                }
                log.info("board {}: an agent wrote during Baton's rename; re-applying onto its text",
                        file.getFileName());
                forcedBase = overwritten;
                mustBeCurrent = out;
            } catch (IOException e) {
                // an interrupted channel says nothing (ClosedByInterruptException has no message): name it instead
                throw new BoardException("cannot write " + file + ": "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
            }
        }
        throw new BoardException("gave up writing " + file + " after " + options.maxAttempts()
                + " attempts: the file kept changing");
    }

    private String truncatedMessage(Board board) {
        Problem cut = board.problems().stream().filter(p -> p.kind() == Problem.Kind.TRUNCATED).findFirst()
                .orElseThrow();
        return file + ":" + cut.line() + ": " + cut.message() + "; Baton will not write over it until the write"
                + " completes";
    }

    /** The board ends mid-row: an agent's write is under way (or was cut off), and nothing is written over it. */
    static final class Truncated extends BoardException {
        Truncated(String message) {
            super(message);
        }
    }

    private void observe(Board board, long readAt) {
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
     * Rows an earlier Baton added (from a run's journal): watched like the rows this one adds, so that one an agent's
     * stale write erased is put back when Baton next reconciles or acts on it.
     */
    public void rememberAdded(java.util.Collection<TaskRow> rows) {
        writeLock.lock();
        try {
            Instant now = clock.instant();
            for (TaskRow row : rows) {
                guards.putIfAbsent(new Intent.TaskAdded(row), now);
            }
        } finally {
            writeLock.unlock();
        }
    }

    private Map<TaskId, TaskRow> addedRows() {
        Map<TaskId, TaskRow> rows = new HashMap<>();
        for (Intent i : guards.keySet()) {
            if (i instanceof Intent.TaskAdded a) {
                rows.put(a.row().id(), a.row());
            }
        }
        return rows;
    }

    private void remember(BoardEditor editor, Board base, boolean acknowledge) {
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

    /**
     * The text an agent wrote into the file Baton just renamed away (it opened the file before
     * the rename and wrote after it), or null when the old file is unchanged. An agent that writes
     * in parts is waited for (up to {@code settleTimeout}) until the old file stops changing and no
     * longer looks cut; a write still cut mid-row then is not taken.
     */
    private String writtenIntoOldFile(Snapshot snap) throws IOException {
        if (snap.channel() == null) {
            return null;
        }
        byte[] old = readAll(snap.channel());
        if (Arrays.equals(old, snap.bytes())) {
            return null;
        }
        Shape before = Shape.of(snap.board());
        long start = System.nanoTime();
        while (true) {
            pause();
            byte[] again = readAll(snap.channel());
            boolean stable = Arrays.equals(again, old);
            old = again;
            Decoded d = decode(old);
            if (d.malformed()) {
                return null;
            }
            Board b = codec.parse(file, d.text());
            Cut cut = b.truncated() ? Cut.STRONG : Shape.of(b).cutFrom(before);
            if (stable && cut == Cut.NONE) {
                return d.text();
            }
            long limit = stable ? wait(cut) : options.settleTimeout().toNanos();
            if (System.nanoTime() - start >= limit) {
                if (b.truncated()) {
                    log.warn("board {}: an agent's write into the replaced file is still cut after {}; not taken",
                            file.getFileName(), options.settleTimeout());
                    return null;
                }
                return d.text();
            }
        }
    }

    /**
     * Reads the board, re-reading while it looks half-written (cut mid-row, rows or a section gone, much shorter
     * than the last read) until it settles or {@code settleTimeout} passes. A board that then still looks shorter
     * is taken as a deliberate edit; one that still ends in the middle of a row keeps its TRUNCATED problem, and
     * Baton does not write over it.
     */
    private Snapshot readSettled(boolean keepChannel) {
        long readAt = writeCount.get();
        long start = System.nanoTime();
        Snapshot s = readOnce(keepChannel);
        for (Cut cut = cut(s.board()); cut != Cut.NONE; cut = cut(s.board())) {
            if (System.nanoTime() - start >= wait(cut)) {
                break;
            }
            // what a half-written file already shows is a prefix of an agent's real write: worth remembering
            observe(s.board(), readAt);
            s.close();
            pause();
            s = readOnce(keepChannel);
        }
        if (cutMidLine(s.board())) {
            Snapshot cut = s;
            s = new Snapshot(cut.bytes(), cut.text(), cut.malformed(), cut.board().withProblem(new Problem(file,
                    lines(cut.text()), Problem.Kind.TRUNCATED, "the file ends in the middle of a line and its \""
                    + "Task Assignment Queue\" is gone: it looks truncated (being written?)",
                    "the whole file, ending with a line break")), cut.channel(), cut.permissions());
        }
        Board b = s.board();
        if (!b.truncated()) {
            lastShape = Shape.of(b);
            if (b.hasQueueSection() && !s.malformed()) {
                lastGood = b;
            }
        }
        observe(b, readAt);
        return s;
    }

    private Cut cut(Board board) {
        return board.truncated() || cutMidLine(board) ? Cut.STRONG : Shape.of(board).cutFrom(lastShape);
    }

    /** The queue a complete read had is gone and the text stops mid-line: only a write read halfway looks so. */
    private boolean cutMidLine(Board board) {
        String t = board.text();
        return lastShape.queue() && !board.hasQueueSection() && !t.isEmpty() && t.charAt(t.length() - 1) != '\n';
    }

    private static int lines(String text) {
        return (int) text.chars().filter(c -> c == '\n').count() + 1;
    }

    /**
     * How long a board showing this sign is re-read, in ns. Fewer rows alone is also what an agent's stale
     * copy looks like, complete and final: it is given a twentieth of the time, so that reacting to such a
     * write is not held up.
     */
    private long wait(Cut cut) {
        long full = options.settleTimeout().toNanos();
        return cut == Cut.STRONG ? full : cut == Cut.WEAK ? full / 20 : 0;
    }

    private Snapshot readOnce(boolean keepChannel) {
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
            byte[] bytes = readAll(ch);
            Set<PosixFilePermission> perms = permissions();
            Parsed cached = lastParsed;
            Decoded d;
            Board board;
            if (cached != null && Arrays.equals(cached.bytes(), bytes)) {
                d = cached.decoded();
                board = cached.board();
            } else {
                d = decode(bytes);
                board = codec.parse(file, d.text());
                if (d.malformed()) {
                    board = board.withProblem(new Problem(file, 0, Problem.Kind.INVALID_ENCODING,
                            "the file is not valid UTF-8 (unreadable bytes shown as \uFFFD)", "UTF-8 text"));
                }
                lastParsed = new Parsed(bytes, d, board);
            }
            if (!keepChannel) {
                ch.close();
                ch = null;
            }
            return new Snapshot(bytes, d.text(), d.malformed(), board, ch, perms);
        } catch (NoSuchFileException e) {
            return new Snapshot(null, "", false, codec.parse(file, ""), null, null);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new BoardException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private Set<PosixFilePermission> permissions() {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException | IOException e) {
            return null;
        }
    }

    private byte[] readBytesOrNull() throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static byte[] readAll(FileChannel ch) throws IOException {
        long size = ch.size();
        ByteBuffer buf = ByteBuffer.allocate((int) Math.max(size, 0) + 1);
        ch.position(0);
        while (true) {
            int n = ch.read(buf);
            if (n < 0) {
                break;
            }
            if (!buf.hasRemaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(buf.capacity() * 2);
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            }
        }
        return Arrays.copyOf(buf.array(), buf.position());
    }

    private void writeAtomically(byte[] bytes, Set<PosixFilePermission> perms) throws IOException {
        // renaming over a symbolic link would replace the link: write where it points instead
        Path target = Files.isSymbolicLink(file) ? file.toRealPath() : file;
        Path dir = target.getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.setPosixFilePermissions(tmp, perms != null ? perms : NEW_FILE_PERMISSIONS);
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the platform's defaults apply
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new BoardException("the file system of " + dir + " cannot rename atomically", e);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void pause() {
        try {
            Thread.sleep(options.settleDelay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BoardException("interrupted while reading " + file, e);
        }
    }

    private record Decoded(String text, boolean malformed) {
    }

    private static Decoded decode(byte[] bytes) {
        try {
            CharBuffer cb = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return new Decoded(cb.toString(), false);
        } catch (CharacterCodingException e) {
            return new Decoded(new String(bytes, StandardCharsets.UTF_8), true);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    /** One read of the file; the channel stays open so the old file can be checked after a rename. */
    private record Snapshot(byte[] bytes, String text, boolean malformed, Board board, FileChannel channel,
                            Set<PosixFilePermission> permissions) implements AutoCloseable {
        @Override
        public void close() {
            closeQuietly(channel);
        }
    }

    /** Signs that a board is being written: none, fewer rows only, or a cut line, section or half the file gone. */
    private enum Cut { NONE, WEAK, STRONG }

    /** The outline of a board, to tell a half-written file from a real edit. */
    private record Shape(boolean queue, boolean log, int rows, boolean endsWithEol, int chars) {
        static final Shape NONE = new Shape(false, false, 0, false, 0);

        static Shape of(Board b) {
            String t = b.text();
            return new Shape(b.hasQueueSection(), b.hasLogSection(), b.rowCount(),
                    !t.isEmpty() && t.charAt(t.length() - 1) == '\n', t.length());
        }

        Cut cutFrom(Shape before) {
            if ((before.queue && !queue) || (before.log && !log) || (before.endsWithEol && !endsWithEol)
                    || chars < before.chars / 2) {
                return Cut.STRONG;
            }
            return rows < before.rows ? Cut.WEAK : Cut.NONE;
        }
    }
}
