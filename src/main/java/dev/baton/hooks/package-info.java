/**
 * Hooks as a doorbell: the CLIs' own hooks (Claude Code, Gemini CLI, Codex's {@code notify}) append
 * a line to {@code <workdir>/.baton/events/<agent>.jsonl} when a turn ends or the CLI waits for the
 * user, and Baton answers with an immediate look at that agent's task. A hook never decides a
 * state: it only makes Baton look sooner.
 */
package dev.baton.hooks;
