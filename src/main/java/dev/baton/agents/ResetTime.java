package dev.baton.agents;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads when a usage limit ends from the words the CLIs print: a clock time ({@code resets 3pm},
 * {@code resets at 15:30}, {@code resets 3pm (Europe/Paris)}, Codex's {@code try again at 11:14
 * AM}, or with its date when the limit ends on another day: {@code try again at Dec 4th, 2026 12:50
 * AM}) or a delay ({@code try again in 2h}, {@code resets in 1h 30m}, {@code in 45 minutes}). A
 * clock time already past today means tomorrow, except a {@code try again at} time up to 12 hours
 * past: that limit is over. Nothing found: empty, and the caller keeps its fixed cooldown.
 */
public final class ResetTime {

  private static final Pattern AT =
      Pattern.compile(
          "(?i)\\b(?:resets?|available|until|(?<again>try again))\\s+(?:at\\s+)?(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm)?"
              + "(?:\\s*\\(([A-Za-z_]+(?:/[A-Za-z_+-]+)+|UTC|GMT)\\))?(?![\\d:])");
  private static final Pattern DATED =
      Pattern.compile(
          "(?i)\\b(?:resets?|available|until|try again)\\s+(?:at\\s+|on\\s+)?"
              + "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?"
              + "\\s+(\\d{4}),?\\s+(?:at\\s+)?(\\d{1,2}):(\\d{2})\\s*(am|pm)?(?![\\d:])");
  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
  private static final Pattern IN =
      Pattern.compile(
          "(?i)\\b(?:in|after)\\s+(\\d+)\\s*(h|hr|hrs|hours?|m|min|mins|minutes?|s|sec|secs|seconds?)(?![a-z])"
              + "(?:\\s*(?:and\\s+)?(\\d+)\\s*(m|min|mins|minutes?|s|sec|secs|seconds?)(?![a-z]))?");

  /**
   * How far in the past a "try again at" time still reads as today's: longer than Codex's 5-hour
   * window.
   */
  private static final Duration RECENT = Duration.ofHours(12);

  private ResetTime() {}

  /** The first reset time found in the lines, relative to {@code now}. */
  public static Optional<Instant> find(List<String> lines, ZonedDateTime now) {
    for (String line : lines) {
      Optional<Instant> t = parse(line, now);
      if (t.isPresent()) {
        return t;
      }
    }
    return Optional.empty();
  }

  public static Optional<Instant> parse(String line, ZonedDateTime now) {
    if (line == null) {
      return Optional.empty();
    }
    Matcher in = IN.matcher(line);
    if (in.find()) {
      Duration d = amount(in.group(1), in.group(2));
      if (in.group(3) != null) {
        d = d.plus(amount(in.group(3), in.group(4)));
      }
      return Optional.of(now.toInstant().plus(d));
    }
    Matcher dated = DATED.matcher(line);
    if (dated.find()) {
      Optional<Instant> t = dated(dated, now);
      if (t.isPresent()) {
        return t;
      }
    }
    Matcher at = AT.matcher(line);
    while (at.find()) {
      if (at.group(3) == null && at.group(4) == null) {
        continue; // a bare number ("resets 3") is not a time
      }
      int hour = hourOfDay(Integer.parseInt(at.group(2)), at.group(4));
      int minute = at.group(3) == null ? 0 : Integer.parseInt(at.group(3));
      if (hour < 0 || hour > 23 || minute > 59) {
        continue;
      }
      ZonedDateTime local = now;
      if (at.group(5) != null) {
        try {
          local = now.withZoneSameInstant(ZoneId.of(at.group(5)));
        } catch (DateTimeException e) {
          // unknown zone name: read the time in the local zone
        }
      }
      ZonedDateTime reset = local.with(LocalTime.of(hour, minute));
      boolean printedAtLimit = at.group("again") != null;
      // "resets 3pm" names the next reset: a time past today means tomorrow. "Try again at 11:14
      // AM" is when
      // the limit Codex met ends: a time a few hours past means that limit is over, not tomorrow's.
      if (!reset.isAfter(local) && !(printedAtLimit && reset.isAfter(local.minus(RECENT)))) {
        reset = reset.plusDays(1);
      }
      return Optional.of(reset.toInstant());
    }
    return Optional.empty();
  }

  /**
   * A date and a clock time in the local zone, as Codex prints a limit that ends on another day.
   */
  private static Optional<Instant> dated(Matcher m, ZonedDateTime now) {
    int month = MONTHS.indexOf(m.group(1).toLowerCase(Locale.ROOT)) + 1;
    int day = Integer.parseInt(m.group(2));
    int year = Integer.parseInt(m.group(3));
    int hour = hourOfDay(Integer.parseInt(m.group(4)), m.group(6));
    int minute = Integer.parseInt(m.group(5));
    if (hour < 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          ZonedDateTime.of(year, month, day, hour, minute, 0, 0, now.getZone()).toInstant());
    } catch (DateTimeException e) {
      return Optional.empty(); // no such day or time
    }
  }

  /**
   * The hour on a 24-hour clock; with {@code am}/{@code pm} the hour must be 1–12, else -1. Without
   * them the hour is returned as written, for the caller's own range check.
   */
  private static int hourOfDay(int hour, String ampm) {
    if (ampm == null) {
      return hour;
    }
    if (hour < 1 || hour > 12) {
      return -1;
    }
    return hour % 12 + ("pm".equalsIgnoreCase(ampm) ? 12 : 0);
  }

  private static Duration amount(String n, String unit) {
    long v = Long.parseLong(n);
    return switch (Character.toLowerCase(unit.charAt(0))) {
      case 'h' -> Duration.ofHours(v);
      case 'm' -> Duration.ofMinutes(v);
      default -> Duration.ofSeconds(v);
    };
  }
}
