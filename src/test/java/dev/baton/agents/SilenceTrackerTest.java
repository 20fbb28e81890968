package dev.baton.agents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SilenceTrackerTest {
  private final SilenceTracker tracker = new SilenceTracker();

  private static String working(char frame, int seconds) {
    return " ✦ Simulated agent Hang\n\n› do T-001\n\n"
        + frame
        + " Working on T-001 ("
        + seconds
        + "s • esc to interrupt)\n────\n› \n────\n  esc to interrupt\n";
  }

  @Test
  void aSpinnerAndARunningClockAloneAreNotProgress() {
    assertThat(SilenceTracker.mask(working('⠋', 3)))
        .isEqualTo(SilenceTracker.mask(working('⠼', 41)));
    assertThat(SilenceTracker.mask(working('✶', 3)))
        .isEqualTo(SilenceTracker.mask(working('✻', 12)));
    assertThat(SilenceTracker.mask(working('⠋', 3)))
        .isNotEqualTo(
            SilenceTracker.mask(working('⠋', 3).replace("› do T-001", "› do T-001\nRead 2 files")));
  }

  @Test
  void aBusyAgentWhoseScreenOnlySpinsCountsStuckPollsWhereItUsedToResetEveryTime() {
    String board = "| T-001 | IN_PROGRESS |";
    assertThat(tracker.observe("T-001", board, true, working('⠋', 1), 0, 0))
        .isEqualTo(new SilenceTracker.Counts(0, 0));
    var counts = new SilenceTracker.Counts(0, 0);
    for (int poll = 1; poll <= 5; poll++) {
      counts =
          tracker.observe(
              "T-001",
              board,
              true,
              working("⠋⠙⠹⠸⠼".charAt(poll - 1), poll * 80),
              0,
              counts.stuck());
    }
    assertThat(counts).isEqualTo(new SilenceTracker.Counts(0, 5));
  }

  @Test
  void aChangingScreenOrBoardResetsTheStuckCountAndAnIdleScreenCountsAsSilent() {
    String board = "| T-001 | IN_PROGRESS |";
    tracker.observe("T-001", board, true, working('⠋', 1), 0, 0);
    assertThat(tracker.observe("T-001", board, true, working('⠋', 2), 0, 3).stuck()).isEqualTo(4);
    assertThat(
            tracker
                .observe("T-001", board, true, working('⠋', 2) + "Wrote Parser.java\n", 0, 4)
                .stuck())
        .isZero();
    assertThat(tracker.observe("T-001", board + " log", true, working('⠋', 2), 0, 4).stuck())
        .isZero();
    assertThat(tracker.observe("T-001", board + " log", false, "› ", 1, 0))
        .isEqualTo(new SilenceTracker.Counts(2, 0));
    tracker.reset("T-001");
    assertThat(tracker.observe("T-001", board + " log", true, working('⠋', 2), 0, 4))
        .isEqualTo(new SilenceTracker.Counts(0, 0));
  }
}
