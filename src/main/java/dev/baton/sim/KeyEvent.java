package dev.baton.sim;

/** One decoded key press or paste boundary read from the terminal. */
sealed interface KeyEvent {
  record Text(String text) implements KeyEvent {}

  record Enter() implements KeyEvent {}

  record Escape() implements KeyEvent {}

  record CtrlC() implements KeyEvent {}

  record CtrlU() implements KeyEvent {}

  record Backspace() implements KeyEvent {}

  record PasteStart() implements KeyEvent {}

  record PasteEnd() implements KeyEvent {}

  /** A control sequence the simulator does not use (arrows, function keys). */
  record Ignored(String sequence) implements KeyEvent {}

  record EndOfInput() implements KeyEvent {}
}
