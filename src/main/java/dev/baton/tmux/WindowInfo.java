package dev.baton.tmux;

/**
 * One window of a session.
 *
 * @param session session name
 * @param index window index
 * @param name window name
 * @param windowId tmux's unique window id such as {@code @2}
 */
public record WindowInfo(String session, int index, String name, String windowId) {

  static final String FORMAT =
      "#{session_name}\u001f#{window_index}\u001f#{window_name}\u001f#{window_id}";

  static WindowInfo parse(String line) {
    String[] f = line.split("\u001f", -1);
    if (f.length != 4) {
      throw new TmuxCommandException("unexpected window description from tmux: " + line, line);
    }
    return new WindowInfo(f[0], Integer.parseInt(f[1]), f[2], f[3]);
  }
}
