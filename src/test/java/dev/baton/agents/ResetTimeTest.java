package dev.baton.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZonedDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reset time of a usage limit, as the CLIs word it; "now" is 10:00 UTC. */
class ResetTimeTest {

  private static final ZonedDateTime NOW = ZonedDateTime.parse("2026-12-03T10:00:00Z[UTC]");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "✗ You've hit your usage limit · resets 3pm | 2026-12-03T15:00:00Z",
        "You've hit your session limit · resets 3pm (Europe/Paris) | 2026-12-03T14:00:00Z",
        "Your limit resets at 9:30 am | 2026-12-04T09:30:00Z",
        "limit reached, resets at 15:45 | 2026-12-03T15:45:00Z",
        "■ You've hit your usage limit. … or try again in 2h 13m. | 2026-12-03T12:13:00Z",
        "Quota exceeded; please retry in 7h12m. RESOURCE_EXHAUSTED | 2026-12-03T17:12:00Z",
        "429 Rate limit exceeded. Please try again in 20 minutes. | 2026-12-03T10:20:00Z",
        "usage to purchase more credits or try again at 11:14 AM. | 2026-12-03T11:14:00Z",
        "or try again at 9:05 AM. | 2026-12-03T09:05:00Z",
        "or try again at 9:30 PM. | 2026-12-03T21:30:00Z",
        "or try again at 5:00 PM. | 2026-12-03T17:00:00Z",
        "usage to purchase more credits or try again at Dec 4th, 2026 12:50 AM. | 2026-12-04T00:50:00Z",
        "or try again at Jan 1st, 2027 3:05 PM. | 2027-01-01T15:05:00Z",
      })
  void readsTheResetTime(String line, String expected) {
    assertThat(ResetTime.parse(line, NOW)).contains(Instant.parse(expected));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "You have reached your usage limit. Out of credits",
        "resets 3",
        "usage limit · resets 25pm",
        "or try again at Feb 30th, 2027 1:00 AM."
      })
  void noTimeMeansNoResetTime(String line) {
    assertThat(ResetTime.parse(line, NOW)).isEmpty();
  }
}
