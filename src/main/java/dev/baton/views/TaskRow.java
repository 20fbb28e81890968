package dev.baton.views;

/**
 * One row of the board's task queue.
 *
 * @param status PENDING, IN_PROGRESS, COMPLETED or BLOCKED, as written on the board
 * @param assignedTo the board's "Assigned To" cell ({@code AMP (w4)}), or null
 */
public record TaskRow(
    String id, String description, String priority, String status, String assignedTo) {}
