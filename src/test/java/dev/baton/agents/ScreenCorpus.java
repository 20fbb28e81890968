package dev.baton.agents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The classifier's test data: screens of the real CLIs under {@code screens/real/<cli>/} (captured
 * by {@code tools/capture-screens.sh}), screens reconstructed from the CLIs' own source and docs
 * under {@code screens/reconstructed/<cli>/}, and the older hand-written {@code
 * screens/<kind>_<state>.txt}. Each screen has a label: the CLI, its version, the true state, the
 * class of screen (dialog, login, error, ...), the line that proves it, and where the cursor was.
 */
final class ScreenCorpus {

  /** What a screen is, finer than the state: the safety property is stated on these. */
  enum ScreenClass {
    IDLE,
    BUSY,
    DIALOG,
    LOGIN,
    ERROR,
    STARTING,
    RATE_LIMITED,
    EXITED
  }

  record Sample(
      String name,
      CliKind kind,
      String version,
      AgentState state,
      ScreenClass screenClass,
      String proof,
      Screen screen,
      String source) {
    @Override
    public String toString() {
      return name;
    }
  }

  private ScreenCorpus() {}

  static Path root() {
    try {
      return Path.of(ScreenCorpus.class.getClassLoader().getResource("screens").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Sample> all() {
    List<Sample> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root())) {
      for (Path f : files.sorted().toList()) {
        String file = f.getFileName().toString();
        if (file.endsWith(".label")) {
          out.add(labelled(f));
        } else if (file.endsWith(".txt") && f.getParent().equals(root())) {
          out.add(legacy(f));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static Sample labelled(Path label) throws IOException {
    Map<String, String> kv = new LinkedHashMap<>();
    for (String line : Files.readAllLines(label, StandardCharsets.UTF_8)) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        kv.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
    }
    String base = label.getFileName().toString().replaceFirst("\\.label$", "");
    Path text = label.resolveSibling(base + ".txt");
    int cursorY = -1;
    String cursor = kv.getOrDefault("cursor", "");
    if (cursor.contains(",")) {
      cursorY = Integer.parseInt(cursor.substring(cursor.indexOf(',') + 1).strip());
    }
    Screen screen =
        Screen.of(
            Files.readString(text, StandardCharsets.UTF_8),
            cursorY,
            "1".equals(kv.get("alternate")));
    String name = root().relativize(text).toString();
    return new Sample(
        name,
        CliKind.fromId(require(kv, "cli", label)),
        kv.getOrDefault("version", "?"),
        AgentState.valueOf(require(kv, "state", label)),
        ScreenClass.valueOf(require(kv, "class", label).toUpperCase(Locale.ROOT)),
        kv.getOrDefault("proof", ""),
        screen,
        kv.getOrDefault("source", "?"));
  }

  private static String require(Map<String, String> kv, String key, Path label) {
    String v = kv.get(key);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException(label + ": no '" + key + ":' line");
    }
    return v;
  }

  /** {@code <kind>_<state>[_variant].txt}: the state from the name, no cursor information. */
  private static Sample legacy(Path f) throws IOException {
    String base = f.getFileName().toString().replaceFirst("\\.txt$", "");
    CliKind kind = CliKind.fromId(base.substring(0, base.indexOf('_')));
    String rest = base.substring(base.indexOf('_') + 1).toUpperCase(Locale.ROOT);
    AgentState state =
        Stream.of(AgentState.values())
            .filter(s -> rest.equals(s.name()) || rest.startsWith(s.name() + "_"))
            .max((a, b) -> a.name().length() - b.name().length())
            .orElseThrow(() -> new IllegalStateException("fixture name without a state: " + f));
    ScreenClass c =
        switch (state) {
          case IDLE -> ScreenClass.IDLE;
          case BUSY -> ScreenClass.BUSY;
          case WAITING_FOR_USER -> ScreenClass.DIALOG;
          case RATE_LIMITED -> ScreenClass.RATE_LIMITED;
          case ERROR -> ScreenClass.ERROR;
          case STARTING -> ScreenClass.STARTING;
          default -> ScreenClass.EXITED;
        };
    return new Sample(
        f.getFileName().toString(),
        kind,
        "?",
        state,
        c,
        "",
        Screen.of(Files.readString(f, StandardCharsets.UTF_8)),
        "hand-written");
  }
}
