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
}
