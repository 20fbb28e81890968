package dev.baton.agents;

import dev.baton.agents.AgentUnreachableException.Reason;
import dev.baton.tmux.DeadPaneException;
import dev.baton.tmux.Key;
import dev.baton.tmux.TmuxClient;
import dev.baton.tmux.TmuxException;
import dev.baton.tmux.TypedText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Delivers a prompt so that it is submitted exactly once, or says clearly why not.
 *
 * <p>Under the pane's lock: leave copy mode; refuse a dead pane or an exited CLI; wait (up to
 * {@code readyTimeout}, re-reading the screen) for positive evidence of an idle input in the CLI's
 * input area, and refuse with the state and its explanation when none comes: a busy, starting,
 * erroring or rate-limited agent, a dialog and an unrecognised screen are never typed into; clear
 * half-typed input (C-u); type the text literally (or paste it,
 * bracketed, when long or multi-line); pause, and wait for the echo to settle; press Enter on its
 * own; then watch for the pane to
 * turn busy or for the text to leave the input line. Without either sign, Enter is pressed again
 * after a growing back-off, up to {@code submitRetries} times, because some CLIs drop or take as a
 * newline the Enter that follows a paste. Extra Enters are safe: an empty input line ignores them,
 * and no Enter is pressed once a dialog shows.
 */
public final class PromptSubmitter {

  private static final Duration POLL = Duration.ofMillis(100);
  private static final int REPORT_LINES = 15;

  private final TmuxClient tmux;
  private final StateProbe probe;
  private final TmuxProperties settings;
  private final Clock clock;
  private final Pause pause;

  public PromptSubmitter(
      TmuxClient tmux, StateProbe probe, TmuxProperties settings, Clock clock, Pause pause) {
    this.tmux = tmux;
    this.probe = probe;
    this.settings = settings;
    this.clock = clock;
    this.pause = pause;
  }

  /**
   * @throws AgentUnreachableException when the prompt was not, or must not be, delivered
   */
  public SubmitResult submit(Agent agent, String text) {
    return submit(agent, text, settings.submitRetries());
  }

  /**
   * @param retries extra Enter presses allowed (a run's {@code submitRetries} parameter)
   * @throws AgentUnreachableException when the prompt was not, or must not be, delivered
   */
  public SubmitResult submit(Agent agent, String text, int retries) {
    if (retries < 0) {
      throw new IllegalArgumentException("retries must not be negative, got " + retries);
    }
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty prompt for agent " + agent.name());
    }
    Instant start = clock.instant();
    // what reaches the pane, so that the screen is compared with what was actually typed
    String typed = TypedText.safe(text);
    try {
      return tmux.exclusive(agent.target(), () -> deliver(agent, typed, start, retries));
    } catch (DeadPaneException e) {
      throw new AgentUnreachableException(agent.name(), Reason.DEAD_PANE, e.getMessage(), List.of(), e);
    } catch (TmuxException e) {
      throw new AgentUnreachableException(agent.name(), Reason.TMUX_ERROR, e.getMessage(), List.of(), e);
    }
  }

  private SubmitResult deliver(Agent agent, String text, Instant start, int retries) {
    tmux.exitCopyMode(agent.target());
    waitUntilIdle(agent);

    tmux.sendKey(agent.target(), Key.CTRL_U);
    boolean paste = text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0 || text.length() > settings.pasteThreshold();
    if (paste) {
      tmux.paste(agent.target(), text);
    } else {
      tmux.sendLiteral(agent.target(), text);
    }
    pause.sleep(settings.submitDelay());
    Observation typed = settle(agent);
    refuseIfUnsafe(agent, typed);
    Optional<String> typedInput = agent.patterns().inputText(typed.screen());

    Duration backoff = settings.retryBackoff();
    Observation last = typed;
    for (int press = 1; press <= retries + 1; press++) {
      if (press > 1) {
        pause.sleep(backoff);
        backoff = backoff.multipliedBy(2);
        last = probe.observe(agent);
        AgentState s = submittedState(agent, text, typed, typedInput, last);
        if (s != null) {
          return result(agent, press - 1, start, s, paste);
        }
        refuseIfUnsafe(agent, last);
      }
      tmux.sendKey(agent.target(), Key.ENTER);
      Instant deadline = clock.instant().plus(settings.confirmTimeout());
      do {
        pause.sleep(POLL);
        last = probe.observe(agent);
        AgentState s = submittedState(agent, text, typed, typedInput, last);
        if (s != null) {
          return result(agent, press, start, s, paste);
        }
      } while (clock.instant().isBefore(deadline));
    }
    throw new AgentUnreachableException(
        agent.name(),
        Reason.NOT_SUBMITTED,
        "the prompt stayed in the input line after " + (retries + 1) + " Enter presses",
        last.lastLines(REPORT_LINES),
        null);
  }

  /**
   * The state proving submission, or null when there is no sign yet. Without a busy sign, the
   * input line must have changed to something that is not a piece of the prompt (empty, or the
   * CLI's placeholder): a slow echo of the rest of a long paste also changes the input line.
   */
  private static AgentState submittedState(
      Agent agent, String prompt, Observation typed, Optional<String> typedInput, Observation now) {
    if (now.state() == AgentState.BUSY
        || now.state() == AgentState.WAITING_FOR_USER
        || now.state() == AgentState.ERROR
        || now.state() == AgentState.RATE_LIMITED) {
      return now.state(); // the CLI took the prompt (an error or a limit came after it)
    }
    if (now.state() == AgentState.DEAD || now.state() == AgentState.EXITED) {
      return null;
    }
    if (typedInput.isEmpty() || typedInput.get().isEmpty() || now.screen().equals(typed.screen())) {
      return null;
    }
    Optional<String> input = agent.patterns().inputText(now.screen());
    if (input.isPresent() && !input.get().equals(typedInput.get()) && !isPieceOf(input.get(), prompt)) {
      return now.state() == AgentState.UNKNOWN ? AgentState.IDLE : now.state();
    }
    return null;
  }

  /** Whether shown input text is (a possibly truncated or wrapped) part of the prompt. */
  private static boolean isPieceOf(String shown, String prompt) {
    String s = squash(shown);
    return !s.isEmpty() && squash(prompt).contains(s);
  }

  private static String squash(String text) {
    return text.replaceAll("[\\s\u00a0…⏎]+", "");
  }

  /**
   * Waits until two captures in a row are equal: a long paste is still being echoed after the
   * submit delay, and an Enter pressed then, or a screen compared then, would be misread.
   */
  private Observation settle(Agent agent) {
    Instant deadline = clock.instant().plus(settings.readyTimeout());
    Observation previous = probe.observe(agent);
    while (clock.instant().isBefore(deadline)) {
      pause.sleep(POLL);
      Observation now = probe.observe(agent);
      if (now.screen().equals(previous.screen())) {
        return now;
      }
      previous = now;
    }
    return previous;
  }

  /**
   * Re-reads the screen until it shows positive evidence of an idle input, for at most {@code
   * readyTimeout}; a dead pane or an exited CLI is refused at once, since waiting cannot help.
   */
  private Observation waitUntilIdle(Agent agent) {
    Instant deadline = clock.instant().plus(settings.readyTimeout());
    Observation seen = probe.observe(agent);
    while (seen.state() != AgentState.IDLE) {
      if (seen.state() == AgentState.DEAD || seen.state() == AgentState.EXITED
          || !clock.instant().isBefore(deadline)) {
        throw refusal(agent, seen, "after " + settings.readyTimeout());
      }
      pause.sleep(Duration.ofMillis(250));
      seen = probe.observe(agent);
    }
    return seen;
  }

  /**
   * Before each Enter: the typed text must sit in an idle input (or the CLI already took it and
   * works). Any other state means something took the place of the input, and Enter could answer it.
   */
  private static void refuseIfUnsafe(Agent agent, Observation seen) {
    if (seen.state() != AgentState.IDLE && seen.state() != AgentState.BUSY) {
      throw refusal(agent, seen, "before pressing Enter");
    }
  }

  static AgentUnreachableException refusal(Agent agent, Observation seen, String when) {
    Reason reason =
        switch (seen.state()) {
          case DEAD -> Reason.DEAD_PANE;
          case EXITED -> Reason.EXITED;
          case WAITING_FOR_USER -> Reason.WAITING_FOR_USER;
          case BUSY -> Reason.STILL_BUSY;
          case RATE_LIMITED -> Reason.RATE_LIMITED;
          case ERROR -> Reason.ERROR;
          default -> Reason.NOT_IDLE;
        };
    String why =
        switch (reason) {
          case WAITING_FOR_USER -> "a dialog or question is on screen; answer it in the agent's window";
          case EXITED -> "the CLI has exited; restart it in its window";
          case DEAD_PANE -> "the pane's program has exited";
          case STILL_BUSY -> "still busy " + when + "; not typing into a working agent";
          case RATE_LIMITED -> "the screen shows a usage or rate limit";
          case ERROR -> "the screen shows an API, network or login error";
          default -> "no sign of an idle input " + when + " (state " + seen.state() + "); not typing blind";
        };
    return new AgentUnreachableException(agent.name(), reason, why, seen, REPORT_LINES);
  }

  private SubmitResult result(Agent agent, int presses, Instant start, AgentState s, boolean paste) {
    return new SubmitResult(agent.name(), presses, Duration.between(start, clock.instant()), s, paste);
  }
}
