package dev.baton.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The "Assigned To" cell as agents really write it: the seed's shape and the careless ones. */
class AssigneeTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "AMP (w4)         | AMP     | w4",
        "AMP-2 (w5)       | AMP-2   | w5",
        "'  Claude  '     | Claude  |",
        "@claude          | claude  |",
        "claude (lead)    | claude  | lead",
        "amp(w4)          | amp     | w4",
        "**Codex** (w6)   | Codex   | w6",
        "`Gemini`         | Gemini  |",
        "AMP (w4          | AMP     | w4",
        "Antigravity ()   | Antigravity |",
      })
  void readsTheNameAndTheLabel(String cell, String name, String label) {
    assertThat(Assignee.parse(cell)).contains(new Assignee(name, label));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "—", "-", "–", "(w4)", "@", "**"})
  void aCellNamingNobodyIsEmpty(String cell) {
    assertThat(Assignee.parse(cell)).isEmpty();
    assertThat(Assignee.names(cell, "AMP")).isFalse();
  }

  @Test
  void comparesNamesIgnoringCaseAndPunctuationButNeverPrefixes() {
    assertThat(Assignee.names("amp (w4)", "AMP")).isTrue();
    assertThat(Assignee.names("@Amp", "AMP")).isTrue();
    assertThat(Assignee.names("AMP (w9)", "AMP"))
        .as("the window does not identify the agent")
        .isTrue();
    assertThat(Assignee.names("AMP-2 (w5)", "AMP")).isFalse();
    assertThat(Assignee.names("AMP (w4)", "AMP-2")).isFalse();
    assertThat(Assignee.names("Claude (lead)", "claude")).isTrue();
  }

  @Test
  void printsTheCellAsTheSeedDoes() {
    assertThat(new Assignee("AMP", "w4").cell()).isEqualTo("AMP (w4)");
    assertThat(new Assignee("AMP", null).cell()).isEqualTo("AMP");
    assertThat(Assignee.parse(" amp(w4) ").map(Assignee::cell)).isEqualTo(Optional.of("amp (w4)"));
  }

  @Test
  void aNameWithoutALetterOrDigitIsRefused() {
    assertThatThrownBy(() -> new Assignee("—", "w4")).hasMessageContaining("—");
  }
}
