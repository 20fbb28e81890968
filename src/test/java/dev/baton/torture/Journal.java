package dev.baton.torture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A run journal ({@code <workdir>/.baton/runs/<run-id>.json}) as the harness needs it: the run's
 * own task ids, its test tasks, its phase and the prompts Baton recorded before typing them.
 *
 * @param prompts (task id, agent) of every recorded prompt
 */
record Journal(
    String runId, String phase, List<String> taskIds, List<String> testIds, List<Prompt> prompts) {

  record Prompt(String taskId, String agent, String kind) {}

  boolean finished() {
    return phase.equals("DONE") || phase.equals("FAILED") || phase.equals("CANCELLED");
  }

  List<String> allTaskIds() {
    List<String> all = new ArrayList<>(taskIds);
    all.addAll(testIds);
    return all;
  }

  long promptsFor(String taskId) {
    return prompts.stream().filter(p -> p.taskId().equals(taskId)).count();
  }

  /**
   * Every journal of a workdir; a file caught unreadable is skipped (it is written atomically, so
   * rarely).
   */
  static List<Journal> all(Path workdir) {
    Path dir = workdir.resolve(".baton").resolve("runs");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Journal> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        try {
          out.add(parse(Files.readString(f, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
          // between writes; read again later
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static Journal parse(String json) {
    Map<String, Object> m = (Map<String, Object>) MiniJson.parse(json);
    List<String> tasks = new ArrayList<>();
    for (Object o : (List<Object>) m.getOrDefault("taskIds", List.of())) {
      tasks.add((String) o);
    }
    List<String> tests = new ArrayList<>();
    for (Object o : (List<Object>) m.getOrDefault("testTasks", List.of())) {
      tests.add((String) ((Map<String, Object>) o).get("testId"));
    }
    List<Prompt> prompts = new ArrayList<>();
    for (Object o : (List<Object>) m.getOrDefault("prompts", List.of())) {
      Map<String, Object> p = (Map<String, Object>) o;
      prompts.add(
          new Prompt((String) p.get("taskId"), (String) p.get("agent"), (String) p.get("kind")));
    }
    return new Journal(
        (String) m.get("runId"), String.valueOf(m.get("phase")), tasks, tests, prompts);
  }
}
