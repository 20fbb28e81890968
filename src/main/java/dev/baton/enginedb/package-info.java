/**
 * The embedded engine's state store. The in-memory store that ships with Zeebe Process Test copies
 * its whole content for every range read and scans to the end of the store for every prefix: each
 * step of the engine costs time in proportion to everything it holds, so a run with a few hundred
 * tasks slowed every reaction while its instances were being created. {@link
 * dev.baton.enginedb.SortedMemoryDb} keeps the same transaction semantics (a transaction reads its
 * own writes; a range read sees the transaction as it was when the read began) with range reads
 * that cost what they return.
 */
package dev.baton.enginedb;
