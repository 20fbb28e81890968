package dev.baton.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Screen captures under {@code src/test/resources/screens/<kind>_<state>[_variant].txt} must
 * classify as the state in their name, with the shipped patterns (custom: the configured ones).
 */
class CliPatternsTest {

  private static final List<AgentState> SCREEN_STATES =
      List.of(AgentState.IDLE, AgentState.BUSY, AgentState.WAITING_FOR_USER, AgentState.RATE_LIMITED, AgentState.EXITED);

  /** What a user would configure for a CLI Baton does not know. */
  static final Map<String, CliPatternsOverride> CUSTOM =
      Map.of(
          "custom",
          new CliPatternsOverride(
              List.of("(?m)^READY>"), List.of("\\[working\\]"), List.of("\\(y/n\\)"), List.of("QUOTA"), null, "^READY> ?"));

  static final CliPatternCatalog CATALOG = CliPatternCatalog.shipped().withOverrides(CUSTOM);

  record Fixture(CliKind kind, AgentState state, Path file) {
    @Override
    public String toString() {
      return file.getFileName().toString();
    }
  }

  static List<Fixture> fixtures() throws IOException, URISyntaxException {
    Path dir = Path.of(CliPatternsTest.class.getClassLoader().getResource("screens").toURI());
    List<Fixture> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        String base = f.getFileName().toString().replaceFirst("\\.txt$", "");
        CliKind kind = CliKind.fromId(base.substring(0, base.indexOf('_')));
        String rest = base.substring(base.indexOf('_') + 1).toUpperCase(Locale.ROOT);
        AgentState state =
            SCREEN_STATES.stream()
                .filter(s -> rest.equals(s.name()) || rest.startsWith(s.name() + "_"))
                .max((a, b) -> a.name().length() - b.name().length())
                .orElseThrow(() -> new IllegalStateException("fixture name without a state: " + f));
        out.add(new Fixture(kind, state, f));
      }
    }
    return out;
  }

  static Stream<Arguments> cases() throws IOException, URISyntaxException {
    return fixtures().stream().map(f -> Arguments.of(f));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void fixtureClassifiesAsItsName(Fixture fixture) throws IOException {
    String screen = Files.readString(fixture.file(), StandardCharsets.UTF_8);
    assertThat(CATALOG.patterns(fixture.kind()).classify(screen)).isEqualTo(fixture.state());
  }

  @Test
  void everyKindHasAFixtureForEveryState() throws IOException, URISyntaxException {
    List<Fixture> all = fixtures();
    for (CliKind kind : CliKind.values()) {
      Set<AgentState> covered = EnumSet.noneOf(AgentState.class);
      all.stream().filter(f -> f.kind() == kind).forEach(f -> covered.add(f.state()));
      assertThat(covered).as("fixtures for " + kind.id()).containsAll(SCREEN_STATES);
    }
  }

  @Test
  void typedTextOnTheInputLineDoesNotChangeTheState() {
    CliPatterns codex = CATALOG.patterns(CliKind.CODEX);
    String screen = "• Done.\n\n› please print esc to interrupt and Do you trust; usage limit\n\n  ? for shortcuts\n";
    assertThat(codex.classify(screen)).isEqualTo(AgentState.IDLE);
    assertThat(codex.inputText(screen)).contains("please print esc to interrupt and Do you trust; usage limit");
  }

  @Test
  void claudeIdleNeedsTheNonBreakingSpaceOfTheInputBox() {
    CliPatterns claude = CATALOG.patterns(CliKind.CLAUDE);
    assertThat(claude.classify("> echoed prompt with a normal space\n")).isEqualTo(AgentState.UNKNOWN);
    assertThat(claude.classify("───\n❯\u00a0\n───\n")).isEqualTo(AgentState.IDLE);
  }

  @Test
  void aShellPromptCountsOnlyOnTheLastLine() {
    CliPatterns sim = CATALOG.patterns(CliKind.SIMULATED);
    assertThat(sim.classify("dev@host:~$ java Sim\n› \n  ? for shortcuts\n")).isEqualTo(AgentState.IDLE);
    assertThat(sim.classify("› \n  ? for shortcuts\ndev@host:~$ \n\n")).isEqualTo(AgentState.EXITED);
    assertThat(sim.classify("› \n  100%\n")).isEqualTo(AgentState.UNKNOWN);
  }

  @Test
  void emptyOrUnknownScreensAreUnknown() {
    assertThat(CATALOG.patterns(CliKind.CLAUDE).classify("")).isEqualTo(AgentState.UNKNOWN);
    assertThat(CATALOG.patterns(CliKind.GEMINI).classify(null)).isEqualTo(AgentState.UNKNOWN);
    assertThat(CliPatternCatalog.shipped().patterns(CliKind.CUSTOM).isBlind()).isTrue();
  }

  @Test
  void configuredListsReplaceShippedOnesAndOthersStay() {
    CliPatternCatalog catalog =
        CliPatternCatalog.shipped()
            .withOverrides(Map.of("codex", new CliPatternsOverride(null, List.of("Cooking"), null, null, null, null)));
    CliPatterns codex = catalog.patterns(CliKind.CODEX);
    assertThat(codex.classify("• Working (3s • esc to interrupt)\n› \n")).isEqualTo(AgentState.IDLE);
    assertThat(codex.classify("Cooking\n› \n")).isEqualTo(AgentState.BUSY);
    assertThat(codex.classify("You've hit your usage limit\n")).isEqualTo(AgentState.RATE_LIMITED);
  }

  @Test
  void badOverridesNameTheKey() {
    CliPatternCatalog shipped = CliPatternCatalog.shipped();
    assertThatThrownBy(
            () -> shipped.withOverrides(Map.of("codex", new CliPatternsOverride(List.of("(unclosed"), null, null, null, null, null))))
        .isInstanceOf(RosterException.class)
        .hasMessageContaining("baton.clis.codex")
        .hasMessageContaining("(unclosed");
    assertThatThrownBy(
            () -> shipped.withOverrides(Map.of("cursor", new CliPatternsOverride(null, null, null, null, null, null))))
        .isInstanceOf(RosterException.class)
        .hasMessageContaining("baton.clis.cursor");
  }
}
