package dev.baton.tmux;

/**
 * The key presses Baton sends on their own, never mixed with literal text, so a prompt containing
 * the word {@code Enter} can never be read as a key name.
 */
public enum Key {
  ENTER("Enter"),
  ESCAPE("Escape"),
  CTRL_C("C-c"),
  CTRL_U("C-u");

  private final String tmuxName;

  Key(String tmuxName) {
    this.tmuxName = tmuxName;
  }

  /** The name tmux's {@code send-keys} understands. */
  public String tmuxName() {
    return tmuxName;
  }
}
