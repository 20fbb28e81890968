package dev.baton.board;

/**
 * Something Baton wrote, kept so it can be re-applied if an agent's whole-file write (based on an
 * older read) later erases it.
 */
sealed interface Intent {

  enum State {
    PRESENT,
    LOST,
    SUPERSEDED
  }

  State check(Board board);

  void reapply(BoardEditor editor);

  String describe();

  record TaskAdded(TaskRow row) implements Intent {
    public State check(Board board) {
      return board.queueCells(row.id()) != null ? State.PRESENT : State.LOST;
    }

    public void reapply(BoardEditor editor) {
      if (editor.current(row.id()).isEmpty()) {
        editor.insertTask(row);
      }
    }

    public String describe() {
      return "row " + row.id() + " added by Baton";
    }
  }

  record CellSet(TaskId id, Column column, String before, String after) implements Intent {
    public State check(Board board) {
      if (board.queueCells(id) == null) {
        return State.LOST;
      }
      var row = board.task(id);
      if (row.isEmpty()) {
        return State.SUPERSEDED;
      }
      String now = column == Column.STATUS ? row.get().status().name() : row.get().assignedTo();
      if (now.equals(after)) {
        return State.PRESENT;
      }
      return now.equals(before) ? State.LOST : State.SUPERSEDED;
    }

    public void reapply(BoardEditor editor) {
      if (column == Column.STATUS) {
        editor.setStatus(id, TaskStatus.valueOf(after));
      } else {
        editor.setAssignedTo(id, after);
      }
    }

    public String describe() {
      return (column == Column.STATUS ? "status" : "assignee")
          + " of "
          + id
          + " set to \""
          + after
          + "\" by Baton";
    }
  }

  record LogAppended(LogEntry entry) implements Intent {
    public State check(Board board) {
      return board.log().contains(entry) ? State.PRESENT : State.LOST;
    }

    public void reapply(BoardEditor editor) {
      editor.appendLog(entry);
    }

    public String describe() {
      return "completion log line for " + entry.task() + " by " + entry.agent();
    }
  }

  record ProgressSet(int before, int after) implements Intent {
    public State check(Board board) {
      int now = board.progress().orElse(-1);
      return now == after ? State.PRESENT : now == before ? State.LOST : State.SUPERSEDED;
    }

    public void reapply(BoardEditor editor) {
      editor.setProgress(after);
    }

    public String describe() {
      return "progress set to " + after + " % by Baton";
    }
  }
}
