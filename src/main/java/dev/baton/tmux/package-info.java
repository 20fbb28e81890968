/**
 * Access to tmux: {@link dev.baton.tmux.TmuxClient} runs the {@code tmux} binary with argument
 * lists and a timeout per call, turns failures into {@link dev.baton.tmux.TmuxException} subtypes
 * carrying tmux's message, and serialises writers per pane. A socket name ({@code tmux -L}) keeps
 * tests and demos off the user's own server.
 */
package dev.baton.tmux;
