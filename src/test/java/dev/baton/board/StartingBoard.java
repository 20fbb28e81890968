package dev.baton.board;

/**
 * The board a team starts from in end-to-end runs: a title and notes that Baton must leave alone,
 * empty tables.
 */
public final class StartingBoard {

  public static final String TEXT =
      """
      # Project memory

      Notes the team keeps here stay untouched by Baton.

      ## Task Assignment Queue
      | ID | Task | Assigned To | Priority | Status | Created |
      |----|------|-------------|----------|--------|---------|

      ## Task Completion Log
      | Date | Agent | Task | Status | Note |
      |------|-------|------|--------|------|
      """;

  private StartingBoard() {}
}
