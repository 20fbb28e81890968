/**
 * Where each run is, for people: element statistics of a process instance (embedded engine's record
 * stream or the cluster's REST API), the live feed of a run for the page (server-sent events), and
 * the "needs you" alerts.
 */
package dev.baton.live;
