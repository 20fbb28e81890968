package dev.baton.torture;

/** What must hold after every run, whatever the faults. */
enum Invariant {
  COMPLETED_LOST("no COMPLETED lost"),
  LOG_LINE_LOST("no completion-log line lost"),
  BOARD_DAMAGED("no task row or board section lost"),
  WROTE_OVER_HALF("Baton never writes over a half-written board"),
  TWO_AGENTS("no task prompted to two agents at once"),
  TYPED_TWICE("no prompt typed twice"),
  NO_REPORT("every run ends with a report"),
  REPORT_MISMATCH("the report matches the board"),
  CONTROL_CHARS("no control character typed into a pane");

  final String label;

  Invariant(String label) {
    this.label = label;
  }
}
