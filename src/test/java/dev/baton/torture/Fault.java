package dev.baton.torture;

/** The faults the harness injects, each chosen and timed from the episode's seeded random. */
enum Fault {
  RACING_WRITE("racing whole-file write"),
  HALF_WRITE("half-written board"),
  KILL_BATON("kill -9 of Baton + restart"),
  DEAD_PANE("dead pane (agent killed)"),
  KILL_TMUX("tmux server killed"),
  READ_ONLY("board read-only for a while"),
  HOSTILE_TEXT("hostile task text (tasks)");

  final String label;

  Fault(String label) {
    this.label = label;
  }

  /** The name used on the command line: {@code half-write}, {@code kill-baton}, ... */
  String option() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  static Fault ofOption(String option) {
    for (Fault f : values()) {
      if (f.option().equals(option.strip())) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown fault '"
            + option
            + "' (one of "
            + java.util.Arrays.stream(values()).map(Fault::option).toList()
            + ")");
  }
}
