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
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The board file itself: a read that waits out a half-written file, and a compare-and-swap write
 * that never clobbers a concurrent edit. Kept apart from {@link BoardRepairs} because the two
 * change for different reasons: this part follows what the file system and editors do to bytes
 * (renames, partial writes, encodings, permissions), the other follows what agents do to rows and
 * how Baton puts them back.
 *
 * <p>A change is a {@link BoardMutation} run against the file as it is: read, apply, re-read just
 * before writing and start over if the bytes moved on, then write a temp file in the same folder
 * and rename it over the board atomically, keeping its permissions. An agent whose non-atomic write
 * lands in the old file during the rename is caught by reading the old file again afterwards, and
 * the change is re-applied on top of the agent's text. A board that ends mid-row is never written
 * over ({@link Truncated}). Callers serialise writes ({@link BoardStore} holds its lock around
 * every {@link #write}); reads may run at any time.
 */
final class BoardFile {

  /**
   * Who learns of every settled read and every write, so it can later tell what an agent's write
   * erased. The file part only reports; it never decides what to put back.
   */
  interface Witness {
    /**
     * A mark taken before a read: {@link #seen} gets it back, so a read older than a write is known
     * as such.
     */
    long mark();

    /** A read settled (or a half-written read showed a prefix worth remembering). */
    void seen(Board board, long mark);

    /**
     * Baton wrote the editor's result over {@code base}; {@code acknowledge} for a change of
     * Baton's own.
     */
    void written(BoardEditor editor, Board base, boolean acknowledge);

    /**
     * Rows Baton added that an editor may put back when a change touches them and an agent's write
     * lost them.
     */
    Map<TaskId, TaskRow> restorable();
  }

  private static final Logger log = LoggerFactory.getLogger(BoardStore.class);
  private static final Set<PosixFilePermission> NEW_FILE_PERMISSIONS =
      PosixFilePermissions.fromString("rw-r--r--");

  private final Path file;
  private final Clock clock;
  private final BoardStoreOptions options;
  private final Witness witness;
  private final BoardCodec codec = new BoardCodec();
  private volatile Shape lastShape = Shape.NONE;

  /**
   * The last complete board read (it had a queue and was not cut): its prose survives a deleted
   * file.
   */
  private volatile Board lastGood;

  /**
   * The last bytes parsed and what they gave. Workers, the watcher and reconciliation read the same
   * unchanged board many times per completion; a board is immutable, so equal bytes reuse it
   * instead of parsing again.
   */
  private volatile Parsed lastParsed;

  private record Parsed(byte[] bytes, Decoded decoded, Board board) {}

  BoardFile(Path file, Clock clock, BoardStoreOptions options, Witness witness) {
    this.file = file.toAbsolutePath();
    this.clock = clock;
    this.options = options;
    this.witness = witness;
  }

  Path path() {
    return file;
  }

  /** The board as it is now; a missing file reads as an empty board (with its problems listed). */
  Board read() {
    Snapshot s = readSettled(false);
    s.close();
    return s.board();
  }

  /**
   * Applies a change with compare-and-swap and returns what the mutation returned on the round that
   * was written. Nothing is written when the mutation changes nothing.
   *
   * @param acknowledge the change is Baton's own (a status it set is then no longer an agent's to
   *     restore)
   * @throws Truncated when the file ends mid-row: an agent's write is under way
   * @throws BoardException when the change cannot be made or agents kept the file moving for {@code
   *     maxAttempts}
   */
  <T> T write(BoardMutation<T> mutation, boolean acknowledge) {
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
        editor.restorable(witness.restorable());
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
        lastShape =
            new Shape(
                board.hasQueueSection() || out.contains(BoardCodec.QUEUE_HEADING),
                board.hasLogSection() || out.contains(BoardCodec.LOG_HEADING),
                board.rowCount() + editor.addedRowCount(),
                out.endsWith("\n"),
                out.length());
        witness.written(editor, board, acknowledge);
        String overwritten = writtenIntoOldFile(snap);
        if (overwritten == null) {
          return result;
        }
        log.info(
            "board {}: an agent wrote during Baton's rename; re-applying onto its text",
            file.getFileName());
        forcedBase = overwritten;
        mustBeCurrent = out;
      } catch (IOException e) {
        // an interrupted channel says nothing (ClosedByInterruptException has no message): name it
        // instead
        throw new BoardException(
            "cannot write "
                + file
                + ": "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
            e);
      }
    }
    throw new BoardException(
        "gave up writing "
            + file
            + " after "
            + options.maxAttempts()
            + " attempts: the file kept changing");
  }

  private String truncatedMessage(Board board) {
    Problem cut =
        board.problems().stream()
            .filter(p -> p.kind() == Problem.Kind.TRUNCATED)
            .findFirst()
            .orElseThrow();
    return file
        + ":"
        + cut.line()
        + ": "
        + cut.message()
        + "; Baton will not write over it until the write"
        + " completes";
  }

  /**
   * The board ends mid-row: an agent's write is under way (or was cut off), and nothing is written
   * over it.
   */
  static final class Truncated extends BoardException {
    Truncated(String message) {
      super(message);
    }
  }

  /**
   * The text an agent wrote into the file Baton just renamed away (it opened the file before the
   * rename and wrote after it), or null when the old file is unchanged. An agent that writes in
   * parts is waited for (up to {@code settleTimeout}) until the old file stops changing and no
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
          log.warn(
              "board {}: an agent's write into the replaced file is still cut after {}; not taken",
              file.getFileName(),
              options.settleTimeout());
          return null;
        }
        return d.text();
      }
    }
  }

  /**
   * Reads the board, re-reading while it looks half-written (cut mid-row, rows or a section gone,
   * much shorter than the last read) until it settles or {@code settleTimeout} passes. A board that
   * then still looks shorter is taken as a deliberate edit; one that still ends in the middle of a
   * row keeps its TRUNCATED problem, and Baton does not write over it.
   */
  private Snapshot readSettled(boolean keepChannel) {
    long readAt = witness.mark();
    long start = System.nanoTime();
    Snapshot s = readOnce(keepChannel);
    for (Cut cut = cut(s.board()); cut != Cut.NONE; cut = cut(s.board())) {
      if (System.nanoTime() - start >= wait(cut)) {
        break;
      }
      // what a half-written file already shows is a prefix of an agent's real write: worth
      // remembering
      witness.seen(s.board(), readAt);
      s.close();
      pause();
      s = readOnce(keepChannel);
    }
    if (cutMidLine(s.board())) {
      Snapshot cut = s;
      s =
          new Snapshot(
              cut.bytes(),
              cut.text(),
              cut.malformed(),
              cut.board()
                  .withProblem(
                      new Problem(
                          file,
                          lines(cut.text()),
                          Problem.Kind.TRUNCATED,
                          "the file ends in the middle of a line and its \""
                              + "Task Assignment Queue\" is gone: it looks truncated (being written?)",
                          "the whole file, ending with a line break")),
              cut.channel(),
              cut.permissions());
    }
    Board b = s.board();
    if (!b.truncated()) {
      lastShape = Shape.of(b);
      if (b.hasQueueSection() && !s.malformed()) {
        lastGood = b;
      }
    }
    witness.seen(b, readAt);
    return s;
  }

  private Cut cut(Board board) {
    return board.truncated() || cutMidLine(board) ? Cut.STRONG : Shape.of(board).cutFrom(lastShape);
  }

  /**
   * The queue a complete read had is gone and the text stops mid-line: only a write read halfway
   * looks so.
   */
  private boolean cutMidLine(Board board) {
    String t = board.text();
    return lastShape.queue()
        && !board.hasQueueSection()
        && !t.isEmpty()
        && t.charAt(t.length() - 1) != '\n';
  }

  private static int lines(String text) {
    return (int) text.chars().filter(c -> c == '\n').count() + 1;
  }

  /**
   * How long a board showing this sign is re-read, in ns. Fewer rows alone is also what an agent's
   * stale copy looks like, complete and final: it is given a twentieth of the time, so that
   * reacting to such a write is not held up.
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
          board =
              board.withProblem(
                  new Problem(
                      file,
                      0,
                      Problem.Kind.INVALID_ENCODING,
                      "the file is not valid UTF-8 (unreadable bytes shown as \uFFFD)",
                      "UTF-8 text"));
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
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
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
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
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

  private record Decoded(String text, boolean malformed) {}

  private static Decoded decode(byte[] bytes) {
    try {
      CharBuffer cb =
          StandardCharsets.UTF_8
              .newDecoder()
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
  private record Snapshot(
      byte[] bytes,
      String text,
      boolean malformed,
      Board board,
      FileChannel channel,
      Set<PosixFilePermission> permissions)
      implements AutoCloseable {
    @Override
    public void close() {
      closeQuietly(channel);
    }
  }

  /**
   * Signs that a board is being written: none, fewer rows only, or a cut line, section or half the
   * file gone.
   */
  private enum Cut {
    NONE,
    WEAK,
    STRONG
  }

  /** The outline of a board, to tell a half-written file from a real edit. */
  private record Shape(boolean queue, boolean log, int rows, boolean endsWithEol, int chars) {
    static final Shape NONE = new Shape(false, false, 0, false, 0);

    static Shape of(Board b) {
      String t = b.text();
      return new Shape(
          b.hasQueueSection(),
          b.hasLogSection(),
          b.rowCount(),
          !t.isEmpty() && t.charAt(t.length() - 1) == '\n',
          t.length());
    }

    Cut cutFrom(Shape before) {
      if ((before.queue && !queue)
          || (before.log && !log)
          || (before.endsWithEol && !endsWithEol)
          || chars < before.chars / 2) {
        return Cut.STRONG;
      }
      return rows < before.rows ? Cut.WEAK : Cut.NONE;
    }
  }
}
