package dev.baton.cli;

import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** Per-run overrides of the model's parameters, shared by run, demo and submit. */
public class RunOptions {
  @Option(
      names = "--poll-interval",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "Safety-net poll of board and panes (80s, PT2M, ...). Default: baton.poll-interval.")
  Duration pollInterval;

  @Option(
      names = "--inactive-polls",
      paramLabel = "N",
      description = "Polls without progress before an agent is interrupted.")
  Integer inactivePolls;

  @Option(
      names = "--max-ralph-cycles",
      paramLabel = "N",
      description = "Test/fix cycles per feature before escalating.")
  Integer maxRalphCycles;

  @Option(
      names = "--submit-retries",
      paramLabel = "N",
      description = "Extra Enter presses when a prompt does not start.")
  Integer submitRetries;

  /** Accepts Spring's forms: {@code 80s}, {@code 500ms}, {@code PT1M}. */
  public static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return DurationStyle.detectAndParse(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "'" + value + "' is not a duration (examples: 80s, 500ms, PT2M)");
      }
    }
  }
}
