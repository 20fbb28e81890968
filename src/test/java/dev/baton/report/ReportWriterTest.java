package dev.baton.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportWriterTest {

  @Test
  void aProblemLineNeverEndsOnAColonWithNothingAfterIt() {
    assertThat(ReportWriter.firstLine("silent agent interrupted; its screen was:\n"))
        .isEqualTo("silent agent interrupted; its screen was: (empty)");
    assertThat(ReportWriter.firstLine("silent agent interrupted; its screen was:\n\n  \n"))
        .isEqualTo("silent agent interrupted; its screen was: (empty)");
    assertThat(ReportWriter.firstLine("interrupted; its screen was:\n› do `T-001`\n  esc to interrupt\n\n"))
        .isEqualTo("interrupted; its screen was: `esc to interrupt`");
    assertThat(ReportWriter.firstLine("BLOCKED (credits): quota\nmore")).isEqualTo("BLOCKED (credits): quota");
  }
}
