/**
 * The configured test command ({@code baton.test-command}), run in the workdir once per job so that
 * a verdict comes from an exit code. JDK only; used by the test check and by a run's progress.
 */
package dev.baton.testcommand;
