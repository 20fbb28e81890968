package dev.baton.agents;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Baton reaches and types into the agents' panes.
 *
 * @param session tmux session holding one window per agent
 * @param socket tmux socket name ({@code tmux -L}); unset means the default server
 * @param commandTimeout limit for each tmux call
 * @param submitDelay with {@code echoConfirm} on, the longest pause between typing a prompt and
 *     pressing Enter once the text shows; with it off, a fixed pause (CLIs take an Enter that
 *     follows a fast paste as a newline)
 * @param retryBackoff wait before the first extra Enter, doubled for each further one
 * @param confirmTimeout how long after an Enter to look for signs of submission
 * @param readyTimeout how long to wait for a busy agent to become idle before typing
 * @param pasteThreshold prompts longer than this (characters) go through a bracketed paste
 * @param captureLines lines read for state detection when {@code captureHistory} is on
 * @param escapeGrace how long Escape gets to stop an agent before C-c is considered
 * @param ctrlCGap minimum time between two C-c to one pane (two quick ones exit Claude Code)
 * @param verifyOnStart check at start-up that every agent's window exists
 * @param captureHistory read scrollback too ({@code captureLines} lines) instead of the visible
 *     screen only; off by default, since old output says nothing about the present
 * @param echoConfirm press Enter as soon as the screen shows the typed text (or the CLI's paste
 *     placeholder) in the input area and two captures agree, instead of after a fixed pause
 * @param echoTimeout with {@code echoConfirm} on, how long the typed text gets to show; without it
 *     Enter is not pressed and the prompt counts as not submitted
 * @param submitPoll how often the screen is re-read while typing and confirming a prompt
 */
@ConfigurationProperties("baton.tmux")
public record TmuxProperties(
    @DefaultValue("baton") String session,
    String socket,
    @DefaultValue("5s") Duration commandTimeout,
    @DefaultValue("500ms") Duration submitDelay,
    @DefaultValue("300ms") Duration retryBackoff,
    @DefaultValue("1200ms") Duration confirmTimeout,
    @DefaultValue("10s") Duration readyTimeout,
    @DefaultValue("400") int pasteThreshold,
    @DefaultValue("60") int captureLines,
    @DefaultValue("1500ms") Duration escapeGrace,
    @DefaultValue("2500ms") Duration ctrlCGap,
    @DefaultValue("true") boolean verifyOnStart,
    @DefaultValue("false") boolean captureHistory,
    @DefaultValue("true") boolean echoConfirm,
    @DefaultValue("10s") Duration echoTimeout,
    @DefaultValue("25ms") Duration submitPoll) {

  @ConstructorBinding
  public TmuxProperties {
    if (socket != null && !socket.isBlank() && !socket.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "baton.tmux.socket may hold only letters, digits, '.', '_' and '-', got '"
              + socket
              + "'");
    }
    requirePositive("echo-timeout", echoTimeout);
    requirePositive("submit-poll", submitPoll);
    requirePositive("command-timeout", commandTimeout);
    requirePositive("confirm-timeout", confirmTimeout);
    requireNotNegative("submit-delay", submitDelay);
    requireNotNegative("retry-backoff", retryBackoff);
    requireNotNegative("ready-timeout", readyTimeout);
    requireNotNegative("escape-grace", escapeGrace);
    requireNotNegative("ctrl-c-gap", ctrlCGap);
    if (captureLines < 5) {
      throw new IllegalArgumentException(
          "baton.tmux.capture-lines must be >= 5, was " + captureLines);
    }
    if (pasteThreshold < 1) {
      throw new IllegalArgumentException(
          "baton.tmux.paste-threshold must be >= 1, was " + pasteThreshold);
    }
  }

  /** Settings that read the visible screen only (the default). */
  public TmuxProperties(
      String session,
      String socket,
      Duration commandTimeout,
      Duration submitDelay,
      Duration retryBackoff,
      Duration confirmTimeout,
      Duration readyTimeout,
      int pasteThreshold,
      int captureLines,
      Duration escapeGrace,
      Duration ctrlCGap,
      boolean verifyOnStart) {
    this(
        session,
        socket,
        commandTimeout,
        submitDelay,
        retryBackoff,
        confirmTimeout,
        readyTimeout,
        pasteThreshold,
        captureLines,
        escapeGrace,
        ctrlCGap,
        verifyOnStart,
        false);
  }

  /** Settings that read the visible screen only or with scrollback, and confirm the echo. */
  public TmuxProperties(
      String session,
      String socket,
      Duration commandTimeout,
      Duration submitDelay,
      Duration retryBackoff,
      Duration confirmTimeout,
      Duration readyTimeout,
      int pasteThreshold,
      int captureLines,
      Duration escapeGrace,
      Duration ctrlCGap,
      boolean verifyOnStart,
      boolean captureHistory) {
    this(
        session,
        socket,
        commandTimeout,
        submitDelay,
        retryBackoff,
        confirmTimeout,
        readyTimeout,
        pasteThreshold,
        captureLines,
        escapeGrace,
        ctrlCGap,
        verifyOnStart,
        captureHistory,
        true,
        Duration.ofSeconds(10),
        Duration.ofMillis(25));
  }

  /** Defaults, as bound from an empty configuration. */
  public static TmuxProperties defaults() {
    return new TmuxProperties(
        "baton",
        null,
        Duration.ofSeconds(5),
        Duration.ofMillis(500),
        Duration.ofMillis(300),
        Duration.ofMillis(1200),
        Duration.ofSeconds(10),
        400,
        60,
        Duration.ofMillis(1500),
        Duration.ofMillis(2500),
        true);
  }

  public TmuxProperties withSession(String newSession, String newSocket) {
    return new TmuxProperties(
        newSession,
        newSocket,
        commandTimeout,
        submitDelay,
        retryBackoff,
        confirmTimeout,
        readyTimeout,
        pasteThreshold,
        captureLines,
        escapeGrace,
        ctrlCGap,
        verifyOnStart,
        captureHistory,
        echoConfirm,
        echoTimeout,
        submitPoll);
  }

  /**
   * These settings with the paste confirmed by the screen, or by the fixed {@code submitDelay}
   * re-read every {@code poll} (how prompts were submitted before the screen was watched).
   */
  public TmuxProperties withEchoConfirm(boolean confirm, Duration poll) {
    return new TmuxProperties(
        session,
        socket,
        commandTimeout,
        submitDelay,
        retryBackoff,
        confirmTimeout,
        readyTimeout,
        pasteThreshold,
        captureLines,
        escapeGrace,
        ctrlCGap,
        verifyOnStart,
        captureHistory,
        confirm,
        echoTimeout,
        poll);
  }

  private static void requirePositive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("baton.tmux." + name + " must be positive, was " + d);
    }
  }

  private static void requireNotNegative(String name, Duration d) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException("baton.tmux." + name + " must not be negative, was " + d);
    }
  }
}
