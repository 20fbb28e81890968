package dev.baton.tmux;

/**
 * A pane's description and its visible screen from one tmux call: every screen read of a busy team
 * costs one tmux process instead of two, and the two halves belong to the same moment.
 *
 * @param pane what tmux says of the pane (dead, in a mode, its foreground program)
 * @param screen the visible lines with the cursor
 */
public record PaneLook(PaneInfo pane, PaneScreen screen) {}
