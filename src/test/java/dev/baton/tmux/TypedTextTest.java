package dev.baton.tmux;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TypedTextTest {
  @Test
  void plainTextIsTheSameString() {
    String text = "Tâche T-005 : écrire « ça » — ✓ 漢字 🚀\nline two";
    assertThat(TypedText.safe(text)).isSameAs(text);
  }

  @Test
  void everyControlIsShownAndTheResultIsStable() {
    for (int c = 0; c < 0xa0; c++) {
      if (c >= 0x20 && c < 0x7f) {
        continue;
      }
      String shown = TypedText.safe("a" + (char) c + "b");
      assertThat(shown.chars().filter(x -> x != '\n' && (x < 0x20 || (x >= 0x7f && x < 0xa0))))
          .as("U+%04X", c)
          .isEmpty();
      assertThat(TypedText.safe(shown)).isEqualTo(shown);
    }
    assertThat(TypedText.safe("\u001b\u0000\u0007")).isEqualTo("␛␀␇");
    assertThat(TypedText.safe("a\r\nb\rc")).isEqualTo("a\nb\nc");
    assertThat(TypedText.safe("\u202Egnp.exe")).isEqualTo("[U+202E]gnp.exe");
  }

  @Test
  void emojiSequencesAndSurrogatePairsStay() {
    String family = "👩‍👩‍👧 🇫🇷 é";
    assertThat(TypedText.safe(family)).isEqualTo(family);
  }
}
