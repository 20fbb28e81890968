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
import java.util.regex.Pattern;

/**
 * Delivers a prompt so that it is submitted exactly once, or says clearly why not.
 *
 * <p>Under the pane's lock: leave copy mode; refuse a dead pane or an exited CLI; wait (up to
 * {@code readyTimeout}, re-reading the screen) for positive evidence of an idle input in the CLI's
 * input area, and refuse with the state and its explanation when none comes: a busy, starting,
 * erroring or rate-limited agent, a dialog and an unrecognised screen are never typed into; clear
 * half-typed input (C-u); type the text literally (or paste it, bracketed, when long or
 * multi-line); wait until the screen shows the text (or the CLI's paste placeholder) in the input
 * area and stops changing, and press no Enter when it never shows; press Enter on its own; then
 * watch for the pane to turn busy or for the text to leave the input line. Without either sign,
 * Enter is pressed again after a growing back-off, up to {@code submitRetries} times, because some
 * CLIs drop or take as a newline the Enter that follows a paste. Extra Enters are safe: an empty
 * input line ignores them, and no Enter is pressed once a dialog shows.
 */
public final class PromptSubmitter {

  private static final int REPORT_LINES = 15;

  /** Characters of the prompt's end looked for on screen: enough to tell this prompt's end. */
  private static final int TAIL = 24;

  /**
   * How CLIs stand in for a long paste: "[Pasted text #1 +12 lines]", "[Pasted Content 900 chars]".
   */
  private static final Pattern PASTE_PLACEHOLDER =
      Pattern.compile("\\[Pasted[^\\]\n]*\\]", Pattern.CASE_INSENSITIVE);

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
   * Extra Enter presses for a prompt typed outside a run (tools, benchmarks); a run's prompts use
   * its {@code submitRetries} parameter, from {@code baton.submit-retries}.
   */
  public static final int RETRIES_OUTSIDE_A_RUN = 4;

  /**
   * Submits with {@link #RETRIES_OUTSIDE_A_RUN} extra Enter presses at most.
   *
   * @throws AgentUnreachableException when the prompt was not, or must not be, delivered
   */
  public SubmitResult submit(Agent agent, String text) {
    return submit(agent, text, RETRIES_OUTSIDE_A_RUN);
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
      throw new AgentUnreachableException(
          agent.name(), Reason.DEAD_PANE, e.getMessage(), List.of(), e);
    } catch (TmuxException e) {
      throw new AgentUnreachableException(
          agent.name(), Reason.TMUX_ERROR, e.getMessage(), List.of(), e);
    }
  }

  private SubmitResult deliver(Agent agent, String text, Instant start, int retries) {
    tmux.exitCopyMode(agent.target());
    waitUntilIdle(agent);

    tmux.sendKey(agent.target(), Key.CTRL_U);
    boolean paste =
        text.indexOf('\n') >= 0
            || text.indexOf('\r') >= 0
            || text.length() > settings.pasteThreshold();
    if (paste) {
      tmux.paste(agent.target(), text);
    } else {
      tmux.sendLiteral(agent.target(), text);
    }
    Observation typed = settings.echoConfirm() ? awaitEcho(agent, text) : afterFixedDelay(agent);
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
        pause.sleep(settings.submitPoll());
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
   * The state proving submission, or null when there is no sign yet. Without a busy sign, the input
   * line must have changed to something that is not a piece of the prompt (empty, or the CLI's
   * placeholder): a slow echo of the rest of a long paste also changes the input line.
   */
  private static AgentState submittedState(
      Agent agent, String prompt, Observation typed, Optional<String> typedInput, Observation now) {
    if (sameOldLimit(typed, now)) {
      // the limit printed before this prompt is still the last output: no sign either way yet
      now = new Observation(AgentState.IDLE, now.pane(), now.screen(), now.verdict(), null);
    }
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
    if (input.isPresent()
        && !input.get().equals(typedInput.get())
        && !isPieceOf(input.get(), prompt)) {
      return now.state() == AgentState.UNKNOWN ? AgentState.IDLE : now.state();
    }
    return null;
  }

  /**
   * Whether the screen shows the very limit message it showed before Enter, above an idle input.
   */
  private static boolean sameOldLimit(Observation typed, Observation now) {
    return typed.verdict().idleAfterLimit()
        && now.verdict().idleAfterLimit()
        && typed.verdict().decided().text().equals(now.verdict().decided().text());
  }

  /**
   * Positive evidence of an input that takes a prompt: idle, or idle below the last turn's usage
   * limit.
   */
  private static boolean typable(Observation seen) {
    return seen.state().isIdle() || seen.verdict().idleAfterLimit();
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
   * Re-reads the screen until the typed text shows in the input area and two captures in a row
   * agree, so Enter follows the paste as soon as the CLI has taken it, not after a guessed pause.
   * Once {@code submitDelay} has passed, text that shows is enough (a screen that never stops
   * changing must not delay the prompt longer than the fixed pause did). Text that never shows
   * within {@code echoTimeout} gets no Enter, since what the CLI holds is not known to be the
   * prompt, and is cleared. The timeout costs nothing when the echo comes, so it is long enough for
   * a CLI starved by a loaded machine (seconds), not only for a quick one.
   */
  private Observation awaitEcho(Agent agent, String text) {
    Instant begin = clock.instant();
    Instant enough = begin.plus(settings.submitDelay());
    Instant deadline =
        begin.plus(
            settings.echoTimeout().compareTo(settings.submitDelay()) > 0
                ? settings.echoTimeout()
                : settings.submitDelay());
    Observation previous = null;
    while (true) {
      Observation now = probe.observe(agent);
      if (now.state() == AgentState.DEAD || now.state() == AgentState.EXITED) {
        throw refusal(agent, now, "after typing");
      }
      if (now.state() == AgentState.BUSY) {
        return now; // the CLI took the text by itself (a pasted line break): confirmed below, as
        // after an Enter
      }
      if (showsTyped(agent, text, now.screen())) {
        boolean steady = previous != null && previous.screen().equals(now.screen());
        if (steady || !clock.instant().isBefore(enough)) {
          return now;
        }
      }
      if (!clock.instant().isBefore(deadline)) {
        // a slow pane may still echo it: cleared, it cannot wait there for a person's Enter, and
        // the next prompt starts from an empty input anyway
        tmux.sendKey(agent.target(), Key.CTRL_U);
        throw new AgentUnreachableException(
            agent.name(),
            Reason.NOT_SUBMITTED,
            "the typed prompt did not show in the input line within "
                + settings.echoTimeout()
                + "; Enter not pressed",
            now.lastLines(REPORT_LINES),
            null);
      }
      previous = now;
      pause.sleep(settings.submitPoll());
    }
  }

  /**
   * Whether the input area (the input line and what follows it) ends the way the typed text ends,
   * or shows the CLI's placeholder for a paste. The end is compared, since a slow echo shows the
   * start first and a long input is shown cut at its start; box borders and wrapping are ignored.
   */
  static boolean showsTyped(Agent agent, String text, String screen) {
    String[] lines = screen.replace("\r", "").split("\n");
    int from = -1;
    for (int i = lines.length - 1; i >= 0 && from < 0; i--) {
      if (agent.patterns().inputText(lines[i]).isPresent()) {
        from = i;
      }
    }
    if (from < 0 && agent.patterns().inputLine() == null) {
      // a CLI whose input has no marker of its own (Amp's box): its input region at the bottom of
      // the screen
      Screen whole = Screen.of(screen);
      from = Math.min(whole.inputTop(), Math.max(0, whole.lines().size() - 1));
      lines = whole.lines().toArray(String[]::new);
    }
    if (from < 0 || lines.length == 0) {
      return false;
    }
    String region = String.join("\n", java.util.Arrays.asList(lines).subList(from, lines.length));
    if (PASTE_PLACEHOLDER.matcher(region).find()) {
      return true;
    }
    String want = unboxed(text);
    String tail = want.substring(Math.max(0, want.length() - TAIL));
    return !tail.isEmpty() && unboxed(region).contains(tail);
  }

  private static String unboxed(String text) {
    return text.replaceAll("[\\s\u00a0…⏎│┃]+", "");
  }

  /**
   * The fixed pause, then waits until two captures in a row are equal: a long paste is still being
   * echoed after the submit delay, and an Enter pressed then, or a screen compared then, would be
   * misread.
   */
  private Observation afterFixedDelay(Agent agent) {
    pause.sleep(settings.submitDelay());
    Instant deadline = clock.instant().plus(settings.readyTimeout());
    Observation previous = probe.observe(agent);
    while (clock.instant().isBefore(deadline)) {
      pause.sleep(settings.submitPoll());
      Observation now = probe.observe(agent);
      if (now.screen().equals(previous.screen())) {
        return now;
      }
      previous = now;
    }
    return previous;
  }

  /**
   * Re-reads the screen until it shows positive evidence of an idle input (also below a usage limit
   * the last turn printed: the pool gives an agent work only once its rest is over), for at most
   * {@code readyTimeout}; a dead pane or an exited CLI is refused at once, since waiting cannot
   * help.
   */
  private Observation waitUntilIdle(Agent agent) {
    Instant deadline = clock.instant().plus(settings.readyTimeout());
    Observation seen = probe.observe(agent);
    while (!typable(seen)) {
      if (seen.state() == AgentState.DEAD
          || seen.state() == AgentState.EXITED
          || !clock.instant().isBefore(deadline)) {
        throw refusal(agent, seen, "after " + settings.readyTimeout());
      }
      pause.sleep(settings.submitPoll().multipliedBy(2));
      seen = probe.observe(agent);
    }
    return seen;
  }

  /**
   * Before each Enter: the typed text must sit in an idle input (or the CLI already took it and
   * works). Any other state means something took the place of the input, and Enter could answer it.
   */
  private static void refuseIfUnsafe(Agent agent, Observation seen) {
    if (!typable(seen) && seen.state() != AgentState.BUSY) {
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
          case WAITING_FOR_USER ->
              "a dialog or question is on screen; answer it in the agent's window";
          case EXITED -> "the CLI has exited; restart it in its window";
          case DEAD_PANE -> "the pane's program has exited";
          case STILL_BUSY -> "still busy " + when + "; not typing into a working agent";
          case RATE_LIMITED -> "the screen shows a usage or rate limit";
          case ERROR -> "the screen shows an API, network or login error";
          default ->
              "no sign of an idle input "
                  + when
                  + " (state "
                  + seen.state()
                  + "); not typing blind";
        };
    return new AgentUnreachableException(agent.name(), reason, why, seen, REPORT_LINES);
  }

  private SubmitResult result(
      Agent agent, int presses, Instant start, AgentState s, boolean paste) {
    return new SubmitResult(
        agent.name(), presses, Duration.between(start, clock.instant()), s, paste);
  }
}
