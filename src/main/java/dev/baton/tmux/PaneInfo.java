package dev.baton.tmux;

/**
 * One pane as tmux describes it. {@code dead} comes from {@code #{pane_dead}} (program exited, pane
 * kept by remain-on-exit); {@code inMode} from {@code #{pane_in_mode}} (copy mode swallows keys).
 *
 * @param session session name
 * @param windowIndex window index in the session
 * @param windowName window name
 * @param paneIndex pane index in the window
 * @param paneId tmux's unique pane id such as {@code %3}: two targets naming one pane share it
 * @param dead whether the pane's program has exited
 * @param inMode whether the pane is in copy or another mode
 * @param currentCommand foreground program of the pane ({@code #{pane_current_command}})
 * @param pid process id of the pane's first program
 * @param active whether this is the window's active pane
 */
public record PaneInfo(
    String session,
    int windowIndex,
    String windowName,
    int paneIndex,
    String paneId,
    boolean dead,
    boolean inMode,
    String currentCommand,
    long pid,
    boolean active) {

  /** Field list in the order {@link #parse} expects, separated by a unit-separator character. */
  static final String FORMAT =
      String.join(
          "\u001f",
          "#{session_name}",
          "#{window_index}",
          "#{window_name}",
          "#{pane_index}",
          "#{pane_id}",
          "#{pane_dead}",
          "#{pane_in_mode}",
          "#{pane_current_command}",
          "#{pane_pid}",
          "#{pane_active}");

  static PaneInfo parse(String line) {
    String[] f = line.split("\u001f", -1);
    if (f.length != 10) {
      throw new TmuxCommandException("unexpected pane description from tmux: " + line, line);
    }
    return new PaneInfo(
        f[0],
        Integer.parseInt(f[1]),
        f[2],
        Integer.parseInt(f[3]),
        f[4],
        "1".equals(f[5]),
        "1".equals(f[6]),
        f[7],
        f[8].isEmpty() ? -1 : Long.parseLong(f[8]),
        "1".equals(f[9]));
  }

  /** {@code session:window.pane} by indexes: stable while the layout does not change. */
  public String target() {
    return session + ":" + windowIndex + "." + paneIndex;
  }
}
