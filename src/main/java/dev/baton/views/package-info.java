/**
 * What people see of the live board and agents: one read of the board as strings ({@link
 * dev.baton.views.BoardView}), the roster with each agent's state and task ({@link
 * dev.baton.views.AgentsView}), for the REST API, the live page, the health indicators and the
 * terminal progress. {@link dev.baton.views.LiveViews} builds them over the board store, the pool
 * and the run journal.
 */
package dev.baton.views;
