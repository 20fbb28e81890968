package dev.baton.sim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Command-line options of {@link SimulatedAgent}. Parsed by hand: the simulator loads nothing but
 * JDK classes so that several can start in well under a second.
 *
 * @param name agent name written in the completion log
 * @param board the CLAUDE.md file to update
 * @param workMin shortest simulated work time
 * @param workMax longest simulated work time
 * @param seed random seed for work times
 * @param log file receiving one line per event (prompts, keys, board edits), or null
 * @param history file receiving each submitted prompt on one escaped line, or null
 * @param swallowFirstEnter ignore the first Enter after text arrives, as Codex does after a paste
 * @param silent accept prompts, show nothing, never update the board
 * @param hang stay busy until interrupted
 * @param rateLimitOnce block the first task with "crédits épuisés" and show "usage limit"
 * @param failTechnicalOnce block the first task with a technical error
 * @param testCommand shell command run for test prompts, or null
 * @param fixCommand shell command run for fix prompts, or null
 * @param trustDialog start in a trust dialog that Enter or Escape answers with "exit"
 * @param ignoreEscape Escape does not interrupt work (only C-c does)
 * @param look whose screen layout to draw: {@code simulated} (its own) or {@code amp} (Amp's input
 *     box, prompts echoed with {@code ┃}, working as {@code ∿ Thinking})
 * @param usageLimit when set, every prompt ends at once in the CLI's usage-limit message followed
 *     by these words (e.g. {@code resets 3pm}), the board untouched, as an agent out of credits
 *     does; null otherwise
 * @param claudeHooks at the end of each turn run the {@code Stop} hooks of {@code
 *     .claude/settings.local.json} next to the board, as Claude Code does: JSON on stdin, and a
 *     {@code {"decision":"block","reason":…}} answer (or exit code 2) makes it go on with the
 *     reason as its next instruction
 * @param forgetBoardOnce end the first task's turn without writing the board (a report the agent
 *     forgot)
 * @param keepConflicts answer a resolve prompt (worktree isolation) with COMPLETED but leave the
 *     conflict markers, as an agent that cannot resolve a merge does
 * @param stallOnce when set, the first prompt's keys are taken only after this long, the screen
 *     unchanged meanwhile, as a CLI starved by a loaded machine does; null otherwise
 */
public record SimOptions(
    String name,
    Path board,
    Duration workMin,
    Duration workMax,
    long seed,
    Path log,
    Path history,
    boolean swallowFirstEnter,
    boolean silent,
    boolean hang,
    boolean rateLimitOnce,
    boolean failTechnicalOnce,
    String testCommand,
    String fixCommand,
    boolean trustDialog,
    boolean ignoreEscape,
    String look,
    String usageLimit,
    boolean claudeHooks,
    boolean forgetBoardOnce,
    boolean keepConflicts,
    Duration stallOnce) {

  /** The screen layouts the simulator can draw. */
  static final java.util.Set<String> LOOKS = java.util.Set.of("simulated", "amp");

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

  public static SimOptions parse(String... args) {
    String name = "Sim";
    Path board = Path.of("CLAUDE.md");
    Duration min = Duration.ofSeconds(2);
    Duration max = Duration.ofSeconds(5);
    long seed = System.nanoTime();
    Path log = null;
    Path history = null;
    boolean swallow = false, silent = false, hang = false, rate = false, fail = false;
    boolean dialog = false, ignoreEsc = false, hooks = false, forget = false, keep = false;
    String test = null, fix = null, look = "simulated", limit = null;
    Duration stall = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--name" -> name = value(args, ++i, a);
        case "--board" -> board = Path.of(value(args, ++i, a));
        case "--work" -> {
          String v = value(args, ++i, a);
          int dots = v.indexOf("..");
          if (dots < 0) {
            min = max = duration(v);
          } else {
            min = duration(v.substring(0, dots));
            max = duration(v.substring(dots + 2));
          }
          if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("--work: " + v + " has MAX < MIN");
          }
        }
        case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
        case "--log" -> log = Path.of(value(args, ++i, a));
        case "--history" -> history = Path.of(value(args, ++i, a));
        case "--swallow-first-enter" -> swallow = true;
        case "--silent" -> silent = true;
        case "--hang" -> hang = true;
        case "--rate-limit-once" -> rate = true;
        case "--fail-technical-once" -> fail = true;
        case "--test-command" -> test = value(args, ++i, a);
        case "--fix-command" -> fix = value(args, ++i, a);
        case "--trust-dialog" -> dialog = true;
        case "--ignore-escape" -> ignoreEsc = true;
        case "--look" -> {
          look = value(args, ++i, a);
          if (!LOOKS.contains(look)) {
            throw new IllegalArgumentException(
                "--look: '" + look + "' is not one of " + new java.util.TreeSet<>(LOOKS));
          }
        }
        case "--usage-limit" -> limit = value(args, ++i, a);
        case "--claude-hooks" -> hooks = true;
        case "--forget-board-once" -> forget = true;
        case "--keep-conflicts" -> keep = true;
        case "--stall-once" -> stall = duration(value(args, ++i, a));
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    return new SimOptions(
        name, board, min, max, seed, log, history, swallow, silent, hang, rate, fail, test, fix,
        dialog, ignoreEsc, look, limit, hooks, forget, keep, stall);
  }

  /** A work time drawn uniformly from the range. */
  Duration drawWorkTime(Random random) {
    long span = workMax.toMillis() - workMin.toMillis();
    return workMin.plusMillis(span == 0 ? 0 : (long) (random.nextDouble() * (span + 1)));
  }

  static Duration duration(String v) {
    Matcher m = DURATION.matcher(v.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("bad duration '" + v + "': use e.g. 800ms, 2s, 1m");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      default -> Duration.ofMinutes(n);
    };
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}
