package dev.baton.torture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the simulated agents themselves recorded: one log line per event ({@code PROMPT T-004
 * chars=480} when a prompt was submitted, {@code BOARD T-004 COMPLETED} when the agent wrote the
 * board, {@code INTERRUPTED}, {@code TYPING}, {@code KEY ESC}, ...) and one history line per
 * submitted prompt. Replayed in time order, they say which agent held which task when, so a second
 * prompt can be judged with or without a cause.
 */
final class AgentLogs {

  /** One event of one agent. {@code prompt} is the submitted text for PROMPT events. */
  record Event(Instant at, String agent, String kind, String taskId, String prompt) {}

  /**
   * An agent gone at a moment the harness knows. {@code fault}: killed as a fault (its pane, the
   * tmux server), not at the end of the episode.
   */
  record Death(Instant at, String agent, boolean fault) {}

  /** What the replay found; each list holds one sentence per finding. */
  record Findings(
      int prompts,
      Map<String, Integer> promptsPerTask,
      List<String> twoAgentsAtOnce,
      List<String> typedIntoBusyAgent,
      List<String> promptForCompletedTask,
      List<String> controlCharacters) {}

  private final List<Event> events;

  private AgentLogs(List<Event> events) {
    this.events = events;
  }

  static AgentLogs read(Map<String, Path> logs, Map<String, Path> histories) {
    List<Event> events = new ArrayList<>();
    for (var e : logs.entrySet()) {
      String agent = e.getKey();
      List<String> history = lines(histories.get(agent));
      int promptIndex = 0;
      for (String line : lines(e.getValue())) {
        String[] parts = line.split(" ", 4);
        if (parts.length < 2) {
          continue;
        }
        Instant at;
        try {
          at = Instant.parse(parts[0]);
        } catch (DateTimeParseException ex) {
          continue;
        }
        String kind = parts[1];
        String task = parts.length >= 3 && parts[2].startsWith("T-") ? parts[2] : null;
        if (kind.equals("KEY") && parts.length >= 3) {
          kind = "KEY " + parts[2];
          task = null;
        }
        String prompt = null;
        if (kind.equals("PROMPT")) {
          prompt = promptIndex < history.size() ? history.get(promptIndex) : "";
          promptIndex++;
        }
        events.add(new Event(at, agent, kind, task, prompt));
      }
    }
    events.sort(Comparator.comparing(Event::at));
    return new AgentLogs(events);
  }

  /**
   * Replays the agents' events. A task is held by an agent from its PROMPT until that agent writes
   * the board about it (BOARD, BOARD_ERROR), is interrupted, exits or dies. A PROMPT for a task
   * another agent holds is a task sent to two agents at once; text arriving while the agent is busy
   * is a prompt typed into a busy agent (a second prompt); a PROMPT whose task had been COMPLETED
   * on the board for a while had no cause.
   */
  Findings check(List<Death> deaths, BoardWitness witness) {
    List<Object> timeline = new ArrayList<>(events);
    timeline.addAll(deaths);
    timeline.sort(Comparator.comparing(o -> o instanceof Event ev ? ev.at() : ((Death) o).at()));
    Map<String, String> busyWith = new HashMap<>(); // agent -> task
    Map<String, Instant> typingSince = new HashMap<>();
    Map<String, Integer> perTask = new HashMap<>();
    List<String> two = new ArrayList<>();
    List<String> busy = new ArrayList<>();
    List<String> completed = new ArrayList<>();
    List<String> control = new ArrayList<>();
    int prompts = 0;
    for (Object o : timeline) {
      if (o instanceof Death d) {
        busyWith.remove(d.agent());
        continue;
      }
      Event e = (Event) o;
      Consumer<String> release = agent -> busyWith.remove(agent);
      switch (e.kind()) {
        case "TYPING" -> {
          typingSince.put(e.agent(), e.at());
          String held = busyWith.get(e.agent());
          if (held != null) {
            busy.add(e.at() + " " + e.agent() + ": text typed while it was busy with " + held);
          }
        }
        case "PROMPT" -> {
          prompts++;
          String task = e.taskId();
          if (task == null) {
            break;
          }
          if (!diedJustAfter(e, deaths)) {
            // a prompt that reached an agent killed a moment later may be taken back by Baton as
            // not delivered
            perTask.merge(task, 1, Integer::sum);
          }
          for (var h : busyWith.entrySet()) {
            if (h.getValue().equals(task) && !h.getKey().equals(e.agent())) {
              two.add(
                  e.at()
                      + " "
                      + task
                      + " prompted to "
                      + e.agent()
                      + " while "
                      + h.getKey()
                      + " still held it");
            }
          }
          Instant typed = typingSince.getOrDefault(e.agent(), e.at());
          if (!isFix(e.prompt())
              && witness.completedThroughout(task, typed, Duration.ofMillis(2500))) {
            completed.add(
                e.at()
                    + " "
                    + task
                    + " prompted to "
                    + e.agent()
                    + " although the board had said COMPLETED for the 2.5 s before the typing began");
          }
          String bad = controlCharacters(e.prompt());
          if (!bad.isEmpty()) {
            control.add(e.at() + " " + e.agent() + " received " + task + " with " + bad);
          }
          busyWith.put(e.agent(), task);
          typingSince.remove(e.agent());
        }
        case "KEY" -> {}
        case "BOARD", "BOARD_ERROR", "INTERRUPTED", "EXIT", "EXIT_ON_DOUBLE_CTRL_C" ->
            release.accept(e.agent());
        default -> {
          if (e.kind().startsWith("KEY ")
              && typingSince.containsKey(e.agent())
              && !e.kind().equals("KEY CTRL_U")) {
            control.add(
                e.at()
                    + " "
                    + e.agent()
                    + ": "
                    + e.kind().substring(4)
                    + " arrived in the middle of a typed prompt (a control character in the text?)");
          }
          if (e.kind().equals("ENTER_EMPTY")) {
            typingSince.remove(e.agent());
          }
        }
      }
    }
    return new Findings(prompts, perTask, two, busy, completed, control);
  }

  private static boolean diedJustAfter(Event e, List<Death> deaths) {
    return deaths.stream()
        .anyMatch(
            d ->
                d.fault()
                    && d.agent().equals(e.agent())
                    && !d.at().isBefore(e.at())
                    && d.at().isBefore(e.at().plusSeconds(5)));
  }

  private static boolean isFix(String prompt) {
    return prompt != null && prompt.matches("(?is).*T-\\d{3,}\\s*\\((correction|fix)\\).*");
  }

  /**
   * Control characters left raw in a submitted prompt (the history file escapes only \n, \r and
   * \t).
   */
  static String controlCharacters(String prompt) {
    if (prompt == null) {
      return "";
    }
    StringBuilder found = new StringBuilder();
    prompt
        .codePoints()
        .filter(
            c ->
                (c < 0x20 && c != '\t')
                    || c == 0x7f
                    || (c >= 0x80 && c < 0xa0)
                    || c == 0x2028
                    || c == 0x2029)
        .distinct()
        .forEach(c -> found.append(found.isEmpty() ? "" : ", ").append(String.format("U+%04X", c)));
    return found.toString();
  }

  private static List<String> lines(Path file) {
    if (file == null || !Files.exists(file)) {
      return List.of();
    }
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of();
    }
  }
}
