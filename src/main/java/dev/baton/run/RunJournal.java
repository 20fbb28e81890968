package dev.baton.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The run journal: one small JSON file per run in {@code <workdir>/.baton/runs/}, written
 * atomically on every change. The embedded engine forgets everything on exit; this file and the
 * board are what a restarted Baton resumes from.
 */
@Component
public class RunJournal {
  private final Path folder;
  private final Clock clock;
  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);
  private final Map<String, JournalEntry> entries = new ConcurrentHashMap<>();
  private final java.util.Set<String> written = ConcurrentHashMap.newKeySet();

  @Autowired
  public RunJournal(RunProperties props, Clock clock) {
    this(props.workdir(), clock);
  }

  /** A journal for the runs of {@code workdir}. */
  public RunJournal(Path workdir, Clock clock) {
    this.folder = workdir.toAbsolutePath().normalize().resolve(".baton").resolve("runs");
    this.clock = clock;
  }

  public JournalEntry begin(String runId, String request, Map<String, Object> parameters) {
    return save(JournalEntry.start(runId, request, clock.instant(), parameters));
  }

  public Optional<JournalEntry> get(String runId) {
    JournalEntry cached = entries.get(runId);
    if (cached != null) {
      return Optional.of(cached);
    }
    Path file = folder.resolve(runId + ".json");
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    return Optional.of(read(file));
  }

  public JournalEntry update(String runId, UnaryOperator<JournalEntry> change) {
    synchronized (this) {
      JournalEntry now =
          get(runId).orElseThrow(() -> new IllegalStateException("no journal for run " + runId));
      return save(change.apply(now));
    }
  }

  public void phase(String runId, Phase phase) {
    if (get(runId).map(e -> e.phase() != phase).orElse(false)) {
      update(runId, e -> e.withPhase(phase, clock.instant()));
    }
  }

  public void tasks(String runId, List<String> ids, boolean needsPlan, long planBase) {
    update(runId, e -> e.withTasks(ids, needsPlan, planBase));
  }

  public void planTask(String runId, String taskId) {
    update(runId, e -> e.withPlanTask(taskId));
  }

  /** Rows Baton added to the board for the run, as written. */
  public void rows(String runId, List<JournalEntry.AddedRow> rows) {
    update(runId, e -> e.plusRows(rows));
  }

  public void testTasks(String runId, List<JournalEntry.TestTask> tests) {
    update(runId, e -> e.withTestTasks(tests));
  }

  public void prompt(String runId, JournalEntry.Prompt prompt) {
    update(runId, e -> e.plusPrompt(prompt));
  }

  /** Takes back a prompt recorded ahead of typing when the typing failed. */
  public void forgetPrompt(String runId, JournalEntry.Prompt prompt) {
    update(runId, e -> e.minusPrompt(prompt));
  }

  public void test(String runId, JournalEntry.TestOutcome outcome) {
    update(runId, e -> e.plusTest(outcome));
  }

  /**
   * The process instance now carrying the run: an external engine keeps it across a restart of
   * Baton.
   */
  public void instance(String runId, long processInstanceKey) {
    update(runId, e -> e.withInstance(processInstanceKey));
  }

  /** Runs that did not reach their report, oldest first: the candidates for a resume. */
  public List<JournalEntry> unfinished() {
    return all().stream().filter(e -> !e.phase().finished()).toList();
  }

  /** Every run of this workdir, finished or not, oldest first. */
  public List<JournalEntry> all() {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<JournalEntry> runs = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      files
          .filter(f -> f.getFileName().toString().endsWith(".json"))
          .map(this::current)
          .forEach(runs::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list run journals in " + folder, e);
    }
    runs.sort((a, b) -> a.startedAt().compareTo(b.startedAt()));
    return runs;
  }

  /**
   * Which run owns each task id, from every journal of the workdir (cancelled and finished runs
   * too): a task belongs to exactly one run, and no other run may take it.
   */
  public Map<String, String> owners() {
    Map<String, String> owners = new java.util.HashMap<>();
    for (JournalEntry e : all()) {
      e.ownedIds().forEach(id -> owners.putIfAbsent(id, e.runId()));
    }
    return owners;
  }

  /**
   * A run this journal writes is taken from memory (a file read while another thread saves would be
   * older than what is cached); runs written by another process are read from their file.
   */
  private JournalEntry current(Path file) {
    String name = file.getFileName().toString();
    JournalEntry mine =
        written.contains(name) ? entries.get(name.substring(0, name.length() - 5)) : null;
    return mine != null ? mine : read(file);
  }

  private JournalEntry read(Path file) {
    try {
      JournalEntry entry = json.readValue(file.toFile(), JournalEntry.class);
      entries.put(entry.runId(), entry);
      return entry;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "run journal " + file + " is unreadable: " + e.getMessage(), e);
    }
  }

  private synchronized JournalEntry save(JournalEntry entry) {
    try {
      Files.createDirectories(folder);
      Path file = folder.resolve(entry.runId() + ".json");
      Path tmp = Files.createTempFile(folder, entry.runId(), ".tmp");
      json.writeValue(tmp.toFile(), entry);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      entries.put(entry.runId(), entry);
      written.add(entry.runId() + ".json");
      return entry;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the run journal in " + folder, e);
    }
  }
}
