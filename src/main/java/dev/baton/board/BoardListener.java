package dev.baton.board;

/**
 * Receives what {@link BoardWatcher} notices. Called on the watcher's own thread, one call at a
 * time.
 */
public interface BoardListener {

  /** A queue row's status changed, or a new row appeared. */
  void taskChanged(TaskChange change);

  /** The file's text changed in any way; called after the task changes it contains. */
  default void boardChanged(Board board) {}
}
