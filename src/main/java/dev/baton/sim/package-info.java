/**
 * A simulated coding-agent CLI for the demo and the tests ({@link dev.baton.sim.SimulatedAgent}), a
 * terminal program run in a tmux window that edits the board like an outside agent, and {@link
 * dev.baton.sim.SimLauncher}, which builds its command line. JDK classes only; it does not use
 * Baton's board code on purpose.
 */
package dev.baton.sim;
