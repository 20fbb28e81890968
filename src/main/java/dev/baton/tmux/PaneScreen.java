package dev.baton.tmux;

/**
 * The visible screen of a pane with where its cursor is, from one tmux call (so the text and the
 * cursor belong to the same moment).
 *
 * @param text the visible lines ({@code capture-pane -p}), one per screen row, not joined
 * @param cursorY cursor row, 0 = top ({@code #{cursor_y}})
 * @param alternate whether a full-screen program holds the alternate screen ({@code
 *     #{alternate_on}})
 */
public record PaneScreen(String text, int cursorY, boolean alternate) {}
