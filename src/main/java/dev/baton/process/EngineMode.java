package dev.baton.process;

/** Where the workflow engine runs: chosen by {@code baton.engine} and by nothing else. */
public enum EngineMode {
  /** The in-memory engine inside Baton's own JVM, gateway on 127.0.0.1. State is lost on exit. */
  EMBEDDED,
  /** A real Zeebe / Camunda 8.8 cluster reached through the {@code camunda.client.*} settings. */
  EXTERNAL
}
