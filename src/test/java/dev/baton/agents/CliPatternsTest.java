package dev.baton.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.agents.ScreenCorpus.Sample;
import dev.baton.agents.ScreenCorpus.ScreenClass;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The classifier against the screen corpus ({@link ScreenCorpus}): real captures of the CLIs,
 * screens reconstructed from their source, and hand-written ones. Every built-in kind must get at
 * least 95 % of its screens exactly right, and no screen may be classed unsafely: nothing that is
 * not idle may read IDLE (Baton would type into it), no dialog may read BUSY (Baton would send
 * Escape or C-c into it).
 */
class CliPatternsTest {

  /** What a user would configure for a CLI Baton does not know. */
  static final Map<String, CliPatternsOverride> CUSTOM =
      Map.of(
          "custom",
          CliPatternsOverride.of(
              List.of("(?m)^READY>"),
              List.of("\\[working\\]"),
              List.of("\\(y/n\\)"),
              List.of("QUOTA"),
              null,
              "^READY> ?"));

  static final CliPatternCatalog CATALOG = CliPatternCatalog.shipped().withOverrides(CUSTOM);

  private static final List<Sample> CORPUS = ScreenCorpus.all();

  /** A verdict that would make Baton send keys where it must not. */
  static boolean unsafe(Sample s, AgentState got) {
    boolean notIdle = s.screenClass() != ScreenClass.IDLE;
    boolean dialog = s.screenClass() == ScreenClass.DIALOG || s.screenClass() == ScreenClass.LOGIN;
    return (notIdle && got == AgentState.IDLE) || (dialog && got == AgentState.BUSY);
  }

  static Stream<Arguments> cases() {
    return CORPUS.stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyScreenIsSafe(Sample s) {
    Verdict v = CATALOG.patterns(s.kind()).verdict(s.screen(), null);
    assertThat(unsafe(s, v.state()))
        .as(s.name() + " (" + s.screenClass() + ")\n" + v.explain())
        .isFalse();
  }

  @Property(generation = GenerationMode.EXHAUSTIVE)
  void noDialogLoginErrorBusyOrStartingScreenIsEverIdleAndNoDialogIsBusy(
      @ForAll("corpus") Sample s) {
    AgentState got = CATALOG.patterns(s.kind()).classify(s.screen());
    assertThat(unsafe(s, got)).as(s.name() + " classed " + got).isFalse();
  }

  /**
   * The transcript never decides: whatever old output, echoed prompts or quoted dialog text sit
   * high on the screen, the verdict is the one the bottom gives.
   */
  @Property(tries = 300)
  void transcriptTextNeverChangesTheVerdict(
      @ForAll("corpus") Sample s, @ForAll("transcriptNoise") List<String> noise) {
    Screen screen = s.screen();
    List<String> lines = new java.util.ArrayList<>(noise);
    lines.addAll(screen.lines());
    Screen noisy =
        new Screen(
            lines, screen.cursorY() < 0 ? -1 : screen.cursorY() + noise.size(), screen.alternate());
    CliPatterns p = CATALOG.patterns(s.kind());
    assertThat(p.classify(noisy)).as(s.name()).isEqualTo(p.classify(screen));
  }

  @Provide
  Arbitrary<Sample> corpus() {
    return Arbitraries.of(CORPUS);
  }

  /**
   * Lines that look like evidence of every state, as a transcript quotes them, then blank lines.
   */
  @Provide
  Arbitrary<List<String>> transcriptNoise() {
    List<String> quotes =
        List.of(
            "› Ask Codex to do anything",
            "❯\u00a0",
            "> write hello.txt",
            "  ? for shortcuts",
            "Do you trust the files in this folder?",
            "Press enter to continue",
            "esc to interrupt",
            "✕ [API Error: Connection error.]",
            "You've hit your usage limit · resets 3pm",
            "╭─12% of 168k · $0.08────────╮",
            "┃  Ask anything…",
            "dev@host:~$",
            "Would you like to log in to Amp? [(y)es, (n)o]:",
            "⠋ Thinking... (esc to cancel, 2s)");
    return Arbitraries.of(quotes)
        .list()
        .ofMinSize(1)
        .ofMaxSize(6)
        .map(
            l -> {
              List<String> out = new java.util.ArrayList<>(l);
              for (int i = 0; i < 30; i++) {
                out.add("");
              }
              return out;
            });
  }

  @Test
  void everyBuiltInKindIsRightOnAtLeast95PercentOfItsScreens() {
    Map<CliKind, int[]> counts = new java.util.TreeMap<>();
    StringBuilder misses = new StringBuilder();
    for (Sample s : CORPUS) {
      AgentState got = CATALOG.patterns(s.kind()).classify(s.screen());
      int[] c = counts.computeIfAbsent(s.kind(), k -> new int[2]);
      c[0]++;
      if (got == s.state()) {
        c[1]++;
      } else {
        misses
            .append("\n")
            .append(s.name())
            .append(": labelled ")
            .append(s.state())
            .append(", classed ")
            .append(got);
      }
    }
    for (CliKind kind :
        List.of(
            CliKind.CLAUDE,
            CliKind.CODEX,
            CliKind.GEMINI,
            CliKind.QWEN,
            CliKind.OPENCODE,
            CliKind.AMP)) {
      int[] c = counts.get(kind);
      assertThat(c).as("screens of " + kind.id()).isNotNull();
      assertThat(100.0 * c[1] / c[0])
          .as(kind.id() + " accuracy; misses:" + misses)
          .isGreaterThanOrEqualTo(95.0);
    }
  }

  /**
   * What the real CLIs drew while Baton drove them against the scripted model server: no miss is
   * allowed there.
   */
  @Test
  void screensCapturedDuringRealCliRunsAreReadExactlyAsLabelled() {
    List<Sample> run = CORPUS.stream().filter(s -> s.name().contains("_run_")).toList();
    assertThat(run)
        .extracting(Sample::kind)
        .contains(CliKind.CLAUDE, CliKind.CODEX, CliKind.GEMINI);
    for (Sample s : run) {
      Verdict v = CATALOG.patterns(s.kind()).verdict(s.screen(), null);
      assertThat(v.state()).as(s.name() + "\n" + v.explain()).isEqualTo(s.state());
    }
  }

  @Test
  void theCorpusHoldsRealScreensOfEveryBuiltInKind() {
    for (CliKind kind :
        List.of(
            CliKind.CLAUDE,
            CliKind.CODEX,
            CliKind.GEMINI,
            CliKind.QWEN,
            CliKind.OPENCODE,
            CliKind.AMP)) {
      assertThat(
              CORPUS.stream()
                  .filter(s -> s.kind() == kind && s.source().startsWith("captured"))
                  .count())
          .as("captured screens of " + kind.id())
          .isGreaterThan(0);
    }
  }

  @Test
  void typedTextOnTheInputLineDoesNotChangeTheState() {
    CliPatterns codex = CATALOG.patterns(CliKind.CODEX);
    String screen =
        "• Done.\n\n› please print esc to interrupt and Do you trust; usage limit\n\n  ? for shortcuts\n";
    assertThat(codex.classify(screen)).isEqualTo(AgentState.IDLE);
    assertThat(codex.inputText(screen))
        .contains("please print esc to interrupt and Do you trust; usage limit");
  }

  @Test
  void anEmptyInputLineIsReadEvenWithItsTrailingSpaceTrimmed() {
    // capture-pane -p drops trailing spaces: "› " arrives as "›"
    assertThat(CATALOG.patterns(CliKind.SIMULATED).inputText("────\n›\n────\n  ? for shortcuts"))
        .contains("");
  }

  @Test
  void claudeIdleNeedsTheNonBreakingSpaceOfTheInputBox() {
    CliPatterns claude = CATALOG.patterns(CliKind.CLAUDE);
    assertThat(claude.classify("> echoed prompt with a normal space\n"))
        .isEqualTo(AgentState.UNKNOWN);
    assertThat(claude.classify("───\n❯\u00a0\n───\n")).isEqualTo(AgentState.IDLE);
  }

  @Test
  void aShellPromptCountsOnlyOnTheLastLine() {
    CliPatterns sim = CATALOG.patterns(CliKind.SIMULATED);
    assertThat(sim.classify("dev@host:~$ java Sim\n› \n  ? for shortcuts\n"))
        .isEqualTo(AgentState.IDLE);
    assertThat(sim.classify("› \n  ? for shortcuts\ndev@host:~$ \n\n"))
        .isEqualTo(AgentState.EXITED);
    assertThat(sim.classify("› \n  100%\n")).isEqualTo(AgentState.UNKNOWN);
  }

  @Test
  void emptyOrUnknownScreensAreUnknown() {
    assertThat(CATALOG.patterns(CliKind.CLAUDE).classify("")).isEqualTo(AgentState.UNKNOWN);
    assertThat(CATALOG.patterns(CliKind.GEMINI).classify((String) null))
        .isEqualTo(AgentState.UNKNOWN);
    assertThat(CliPatternCatalog.shipped().patterns(CliKind.CUSTOM).isBlind()).isTrue();
  }

  @Test
  void configuredListsAddToShippedOnesUnlessTheyReplaceThem() {
    CliPatternsOverride cooking =
        CliPatternsOverride.of(null, List.of("Cooking"), null, null, null, null);
    CliPatterns added =
        CliPatternCatalog.shipped().withOverrides(Map.of("codex", cooking)).patterns(CliKind.CODEX);
    assertThat(added.classify("• Working (3s • esc to interrupt)\n› \n"))
        .isEqualTo(AgentState.BUSY);
    assertThat(added.classify("Cooking\n› \n")).isEqualTo(AgentState.BUSY);

    CliPatterns replaced =
        CliPatternCatalog.shipped()
            .withOverrides(Map.of("codex", cooking.replacing()))
            .patterns(CliKind.CODEX);
    assertThat(replaced.classify("• Working (3s • esc to interrupt)\n› \n"))
        .isEqualTo(AgentState.IDLE);
    assertThat(replaced.classify("Cooking\n› \n")).isEqualTo(AgentState.BUSY);
    assertThat(replaced.classify("You've hit your usage limit\n"))
        .isEqualTo(AgentState.RATE_LIMITED);
  }

  @Test
  void aPatternMayNameItsRegion() {
    CliPatternsOverride override =
        new CliPatternsOverride(
            List.of(new PatternSpec("^READY>", List.of())),
            List.of(new PatternSpec("spinning", List.of(Region.TRANSCRIPT))),
            null,
            null,
            null,
            null,
            null,
            null,
            true,
            List.of("9.9"));
    CliPatterns p = CliPatterns.empty("custom").with(override);
    String spinningHigh = "spinning\n" + "x\n".repeat(20) + "READY>\n";
    assertThat(p.classify(spinningHigh)).isEqualTo(AgentState.BUSY);
    assertThat(p.classify("x\n".repeat(20) + "spinning\nREADY>\n")).isEqualTo(AgentState.IDLE);
    assertThat(p.checkedOn()).containsExactly("9.9");
  }

  @Test
  void regionsSplitTheScreenFromTheBottomAndABoxIsOneUnit() {
    List<String> lines = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      lines.add("transcript " + i);
    }
    lines.addAll(
        List.of(
            "╭──────────────╮",
            "│ Do you trust? │",
            "│              │",
            "│ 1. Yes       │",
            "│ 2. No        │",
            "│              │",
            "│              │",
            "╰──────────────╯"));
    Screen s = new Screen(lines, -1, false);
    assertThat(s.regionOf(20)).isEqualTo(Region.INPUT); // the box top: the whole dialog is input
    assertThat(s.regionOf(19)).isEqualTo(Region.STATUS);
    assertThat(s.regionOf(15)).isEqualTo(Region.TRANSCRIPT);
    Screen cursorHigh = new Screen(lines.subList(0, 20), 10, false);
    assertThat(cursorHigh.regionOf(10)).isEqualTo(Region.INPUT);
  }

  @Test
  void aLongPromptWrappedInCodexsInputIsReadFromItsMarkerLineAndItsWordsDecideNothing() {
    CliPatterns codex = CATALOG.patterns(CliKind.CODEX);
    List<String> lines =
        new java.util.ArrayList<>(List.of("", "› an old prompt, echoed", "", "• Done.", ""));
    lines.add("› Task T-012: write the parser. If you hit a usage limit or see esc to interrupt,");
    for (int i = 0; i < 6; i++) {
      lines.add(
          "  keep going with line " + i + " of the prompt; rate limit, Working (0s), ■ error");
    }
    lines.addAll(List.of("", "  GPT-6.2-Sol default · ~/moana", "  ? for shortcuts"));
    int cursor = 11; // the end of the typed text
    Screen typed = new Screen(lines, cursor, true);
    Verdict v = codex.verdict(typed, null);
    assertThat(v.state()).as(v.explain()).isEqualTo(AgentState.IDLE);
    assertThat(v.decided().line()).isEqualTo(5);
    assertThat(v.decided().region()).isEqualTo(Region.INPUT);
    // without the cursor, the marker line is out of the bottom lines: not positive evidence
    assertThat(codex.classify(new Screen(lines, -1, true))).isNotEqualTo(AgentState.IDLE);
    // an echoed prompt above a blank line never becomes input, even with the cursor just under it
    List<String> echoed =
        List.of(
            "› an old prompt, echoed",
            "  its second line",
            "",
            "  still thinking about it",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "x");
    assertThat(codex.classify(new Screen(echoed, 3, true))).isEqualTo(AgentState.UNKNOWN);
  }

  @Test
  void codexsUsageLimitCountsOnlyWhileItIsTheLastOutputAboveTheInput() {
    CliPatterns codex = CATALOG.patterns(CliKind.CODEX);
    List<String> limit =
        List.of(
            "› Task T-001: create the model.",
            "",
            "",
            "■ You’ve hit your usage limit. Upgrade to Pro (https://chatgpt.com/explore/pro), visit https://chatgpt.com/",
            "usage to purchase more credits or try again at 11:14 AM.");
    List<String> input =
        List.of(
            "",
            "› Ask Codex to do anything",
            "",
            "  gpt-5-codex default · ~/moana",
            "  ← for agents · ? for shortcuts");
    List<String> lines = new java.util.ArrayList<>(limit);
    lines.addAll(java.util.Collections.nCopies(20, ""));
    lines.addAll(input);
    java.time.ZonedDateTime now = java.time.ZonedDateTime.parse("2026-12-03T10:14:00Z[UTC]");
    Verdict v = codex.verdict(new Screen(lines, lines.size() - 4, true), now);
    assertThat(v.state()).as(v.explain()).isEqualTo(AgentState.RATE_LIMITED);
    assertThat(v.decided().region()).isEqualTo(Region.LAST_OUTPUT);
    assertThat(v.resetsAt()).isEqualTo(java.time.Instant.parse("2026-12-03T11:14:00Z"));
    // once that time has passed, the limit is over: the idle input decides
    Verdict after = codex.verdict(new Screen(lines, lines.size() - 4, true), now.plusMinutes(61));
    assertThat(after.state()).as(after.explain()).isEqualTo(AgentState.IDLE);

    // newer output below it: the limit is old news
    List<String> later = new java.util.ArrayList<>(limit);
    later.addAll(
        List.of("", "› Task T-002: create the store.", "", "• T-002 is COMPLETED on the board."));
    later.addAll(java.util.Collections.nCopies(16, ""));
    later.addAll(input);
    assertThat(codex.classify(new Screen(later, later.size() - 4, true)))
        .isEqualTo(AgentState.IDLE);
    // the same words not printed by Codex itself (a tool's output, quoted) do not count either
    List<String> quoted =
        new java.util.ArrayList<>(List.of("  └ grep: docs say \"■ You've hit your usage limit\""));
    quoted.addAll(java.util.Collections.nCopies(20, ""));
    quoted.addAll(input);
    assertThat(codex.classify(new Screen(quoted, quoted.size() - 4, true)))
        .isEqualTo(AgentState.IDLE);
  }

  @Test
  void aShellPromptIsNotExitedWhileTheAlternateScreenIsOn() {
    CliPatterns codex = CATALOG.patterns(CliKind.CODEX);
    assertThat(codex.classify(Screen.of("output\ndev@host:~$ ", 1, false)))
        .isEqualTo(AgentState.EXITED);
    assertThat(codex.classify(Screen.of("output\ndev@host:~$ ", 1, true)))
        .isEqualTo(AgentState.UNKNOWN);
  }

  @Test
  void theExplanationNamesRuleLineRegionAndRunnersUp() {
    Sample approval =
        CORPUS.stream().filter(s -> s.name().endsWith("codex_trust.txt")).findFirst().orElseThrow();
    Verdict v = CATALOG.patterns(CliKind.CODEX).verdict(approval.screen(), null);
    assertThat(v.state()).isEqualTo(AgentState.WAITING_FOR_USER);
    assertThat(v.explain())
        .contains("state WAITING_FOR_USER")
        .contains("codex/waiting-for-user /")
        .contains("input line ")
        .contains("runners-up:")
        .contains(
            "WAITING_FOR_USER by codex/waiting-for-user /(?i)enter continue · esc back/ in input+status — input line");
    assertThat(CATALOG.patterns(CliKind.CODEX).verdict(Screen.of("nothing here"), null).explain())
        .contains("state UNKNOWN")
        .contains("no codex rule matched");
  }

  @Test
  void aRateLimitCarriesItsResetTime() {
    java.time.ZonedDateTime now = java.time.ZonedDateTime.parse("2026-12-03T10:00:00Z[UTC]");
    Verdict v =
        CATALOG
            .patterns(CliKind.AMP)
            .verdict(
                Screen.of(
                    "┃ task\n\n  ✗ You've hit your usage limit · resets 3pm\n\n╭─3% of 168k─╮\n│  │\n╰──────────╯"),
                now);
    assertThat(v.state()).isEqualTo(AgentState.RATE_LIMITED);
    assertThat(v.resetsAt()).isEqualTo(java.time.Instant.parse("2026-12-03T15:00:00Z"));
  }

  @Test
  void badOverridesNameTheKey() {
    CliPatternCatalog shipped = CliPatternCatalog.shipped();
    assertThatThrownBy(
            () ->
                shipped.withOverrides(
                    Map.of(
                        "codex",
                        CliPatternsOverride.of(
                            List.of("(unclosed"), null, null, null, null, null))))
        .isInstanceOf(RosterException.class)
        .hasMessageContaining("baton.clis.codex")
        .hasMessageContaining("(unclosed");
    assertThatThrownBy(
            () ->
                shipped.withOverrides(
                    Map.of("cursor", CliPatternsOverride.of(null, null, null, null, null, null))))
        .isInstanceOf(RosterException.class)
        .hasMessageContaining("baton.clis.cursor");
  }
}
