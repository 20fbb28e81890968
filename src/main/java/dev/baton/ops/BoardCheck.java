package dev.baton.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Whether the board can be read safely right now: the one verdict {@code baton lint} prints and
 * {@code /actuator/health} reports. A board with problems (a row that does not parse, a duplicate
 * id, a table cut short while an agent writes it) is not safe: Baton would act on a partial
 * picture.
 *
 * @param tasks rows read, 0 unless the board could be read
 * @param problems one sentence each, starting with {@code file:line} where the board reader knows
 *     it
 */
public record BoardCheck(Path file, Verdict verdict, int tasks, List<String> problems) {

  public enum Verdict {
    /** No file yet: the first run creates it. */
    ABSENT,
    /** Read, and nothing to report. */
    CLEAN,
    /** Read, but with problems: rows or sections Baton cannot trust. */
    UNSAFE,
    /** The file exists but cannot be read at all. */
    UNREADABLE
  }

  /** What one read of the board gave. */
  public record Reading(int tasks, List<String> problems) {}

  public BoardCheck {
    problems = List.copyOf(problems);
  }

  /**
   * @param reader reads and parses the file (the board package's reader, through whatever the
   *     caller has); any exception it throws makes the board {@link Verdict#UNREADABLE}
   */
  public static BoardCheck of(Path file, Supplier<Reading> reader) {
    if (!Files.exists(file)) {
      return new BoardCheck(file, Verdict.ABSENT, 0, List.of());
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      return new BoardCheck(
          file, Verdict.UNREADABLE, 0, List.of(file + ": cannot be read (not a readable file)"));
    }
    Reading reading;
    try {
      reading = reader.get();
    } catch (RuntimeException e) {
      String why =
          e.getMessage() == null
              ? e.getClass().getSimpleName()
              : e.getMessage().lines().findFirst().orElse("");
      return new BoardCheck(
          file, Verdict.UNREADABLE, 0, List.of(file + ": cannot be read: " + why));
    }
    return new BoardCheck(
        file,
        reading.problems().isEmpty() ? Verdict.CLEAN : Verdict.UNSAFE,
        reading.tasks(),
        reading.problems());
  }
}
