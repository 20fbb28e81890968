package dev.baton.board;

/**
 * A change Baton asked for cannot be made to the board as it is (unknown task, unreadable table,
 * I/O).
 */
public class BoardException extends RuntimeException {

  public BoardException(String message) {
    super(message);
  }

  public BoardException(String message, Throwable cause) {
    super(message, cause);
  }
}
