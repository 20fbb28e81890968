package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request no run could finish is refused with exit 2 before Baton starts anything (the offline
 * env fails otherwise).
 */
class RequestCheckTest {
  private final Cli.Environment env = CliRunner.offline();

  @Test
  void aCycleIsExit2AndNamed() {
    var r = CliRunner.run(env, "run", "- parser (after #2)\n- tests (after #1)\n");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().strip())
        .startsWith("baton: tasks #1 → #2 → #1 form a cycle")
        .hasLineCount(1);
  }

  @Test
  void aDependencyOnNothingIsExit2ForSubmitToo() {
    var r =
        CliRunner.run(
            env, "submit", "--url", "http://127.0.0.1:1", "- parser\n- tests (after #99)\n");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("depends on #99");
  }

  @Test
  void theTaskLimitHoldsForAFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("request.md"), "- task\n".repeat(1500));
    var r = CliRunner.run(env, "run", "--file", file.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().strip())
        .isEqualTo(
            "baton: "
                + file
                + ": the request has 1,500 tasks, more than the 1,000 one run takes: split it into several runs");
  }
}
