package dev.baton.views;

import java.util.List;

/**
 * The board as one consistent read.
 *
 * @param file absolute path of the board file
 * @param problems what is wrong with the file (unknown status, duplicate id, …), empty when it is
 *     clean
 */
public record BoardSnapshot(String file, List<TaskRow> tasks, List<String> problems) {
  public BoardSnapshot {
    tasks = List.copyOf(tasks);
    problems = List.copyOf(problems);
  }
}
