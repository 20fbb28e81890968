/**
 * CLAUDE.md, the board shared by Baton and the agents: its two tables (Task Assignment Queue, Task
 * Completion Log) and a {@code Progress: NN %} line.
 *
 * <p>Agents edit the file by hand, all at once, whole-file and without locks. So: reading is
 * tolerant and reports what it cannot read ({@link dev.baton.board.BoardCodec}, {@link
 * dev.baton.board.Problem}); writing is surgical and compare-and-swap ({@link
 * dev.baton.board.BoardEditor}, {@link dev.baton.board.BoardStore}); what agents' lost updates
 * erase is put back by {@link dev.baton.board.BoardStore#reconcile()}; and {@link
 * dev.baton.board.BoardWatcher} turns agents' edits into task status events.
 *
 * <p>A task's status is read from its queue row only: the completion log repeats ids.
 */
package dev.baton.board;
