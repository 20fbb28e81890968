package dev.baton.views;

import java.util.List;

/** Read access to the board (CLAUDE.md) for people; {@link LiveViews} implements it. */
public interface BoardView {
  /** Reads the board now; throws when the file cannot be read at all. */
  BoardSnapshot board();

  /**
   * The rows that belong to one run. One board serves one run at a time, so by default every row
   * does; an implementation that knows which ids a run created may narrow this.
   */
  default List<TaskRow> tasksOf(String runId) {
    return board().tasks();
  }
}
