package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.run.Phase;
import dev.baton.run.RunEvents;
import dev.baton.run.RunRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton run} end to end on the embedded engine with a tiny stand-in model; a listener plays
 * the workers' part (phase, report, end), which is all the foreground path relies on.
 */
class ForegroundRunTest {
  private static final String TINY =
      Paths.get("src/test/resources/cli/tiny.bpmn").toAbsolutePath().toString();

  @TempDir Path dir;

  private Cli.Environment finishingWith(Phase end) {
    ContextStarter real = new SpringContexts();
    return CliRunner.offline()
        .withContexts(
            (web, args) -> {
              var ctx = real.start(web, args);
              RunRegistry registry = ctx.getBean(RunRegistry.class);
              ctx.getBean(RunEvents.class)
                  .subscribe(
                      e -> {
                        if (e.kind().equals("started")) {
                          Thread.ofVirtual()
                              .start(
                                  () -> {
                                    registry.phase(e.runId(), Phase.POLL);
                                    registry.finish(e.runId(), end, report(e.runId()));
                                  });
                        }
                      });
              return ctx;
            });
  }

  private Path report(String runId) {
    try {
      return Files.writeString(
          dir.resolve("REPORT.md"), "# Report of " + runId + "\nAll tasks COMPLETED.\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private CliRunner.Result run(Phase end, String... extra) {
    String[] base =
        CliRunner.args(
            CliRunner.validSetup(dir),
            "run",
            "--baton.engine-port=0",
            "--baton.bpmn=" + TINY,
            "--poll-interval",
            "5s");
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return CliRunner.run(finishingWith(end), args);
  }

  @Test
  void aRunThatEndsDonePrintsProgressLinesAndTheReportAndExits0() {
    var r = run(Phase.DONE, "Build", "the", "parser");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .doesNotContain("\u001b")
        .contains("run started, process instance")
        .contains("phase 3. Poll & redistribute")
        .contains("All tasks COMPLETED.")
        .contains("ended: Done");
  }

  @Test
  void aRunThatFailsExits1() {
    var r = run(Phase.FAILED, "Build", "it");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(r.out()).contains("ended: Failed");
  }

  /**
   * The deployment goes on while the rest of Baton starts; a model the engine refuses must still
   * stop the start before any run, in Baton's words: the file, the line and the element.
   */
  @Test
  void aModelTheEngineRefusesStopsTheStartNamingFileLineAndElementAndExits2() throws IOException {
    Path broken = dir.resolve("broken.bpmn");
    Files.writeString(
        broken,
        Files.readString(Path.of(TINY))
            .replace(
                "<bpmn:endEvent id=\"End\">",
                "<bpmn:serviceTask id=\"NoJobType\"/>\n    <bpmn:endEvent id=\"End\">"));
    int line =
        1
            + (int)
                Files.readAllLines(broken).stream()
                    .takeWhile(l -> !l.contains("NoJobType"))
                    .count();
    String[] args =
        CliRunner.args(
            CliRunner.validSetup(dir),
            "run",
            "--baton.engine-port=0",
            "--baton.bpmn=" + broken,
            "--poll-interval",
            "5s",
            "Build it");

    var r = CliRunner.run(finishingWith(Phase.DONE), args);

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err())
        .contains(broken.toString())
        .contains("line " + line)
        .contains("element 'NoJobType'");
    assertThat(r.out()).doesNotContain("run started");
  }
}
