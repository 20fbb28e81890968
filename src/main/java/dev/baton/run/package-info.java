/**
 * Runs: starting one (launcher, registry, parameters), what it did (events, journal), carrying it
 * to its report after a restart (resumption), keeping a stopped run's steps off the board (run
 * gate), winding down and cancelling its open tasks, its prompts with their guards, and the board
 * watcher's bridge to the engine. Above {@code process} (a run starts process instances) and the
 * parts ({@code agents}, {@code board}); used by the steps ({@code workers}) and the adapters. The
 * layer order is in README's "Packages" and checked by {@code PackageLayersTest}.
 */
package dev.baton.run;
