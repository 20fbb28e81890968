package dev.baton.agents;

/**
 * What an interrupt did.
 *
 * @param escapeSent whether Escape was pressed
 * @param ctrlCSent whether C-c was pressed (only when Escape did not stop the work)
 * @param finalState the state seen last
 */
public record InterruptResult(boolean escapeSent, boolean ctrlCSent, AgentState finalState) {}
