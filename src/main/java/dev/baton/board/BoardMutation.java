package dev.baton.board;

/**
 * A change to the board, expressed against whatever the board holds when it is applied. The store
 * may run it more than once (when the file moved on underneath), so it must only use the editor and
 * its own arguments.
 */
@FunctionalInterface
public interface BoardMutation<T> {
  T apply(BoardEditor editor);
}
