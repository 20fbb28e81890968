package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code baton} launcher script, run by {@code sh} with a stand-in {@code mvn} that records how
 * it was called.
 */
class LauncherTest {
  @TempDir Path dir;

  @Test
  void theBuildGetsNoColourCodesWhenItsOutputIsNotATerminal() throws Exception {
    Path home = Files.createDirectory(dir.resolve("baton"));
    Files.copy(Path.of("baton"), home.resolve("baton"));
    Path bin = Files.createDirectory(dir.resolve("bin"));
    Path calls = dir.resolve("mvn-calls");
    Path mvn =
        Files.writeString(
            bin.resolve("mvn"),
            "#!/bin/sh\necho \"args: $* | MAVEN_OPTS: ${MAVEN_OPTS:-}\" >> '" + calls + "'\n");
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));

    ProcessBuilder pb =
        new ProcessBuilder("sh", home.resolve("baton").toString(), "lint")
            .redirectErrorStream(true);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(output).contains("building target/baton.jar");
    assertThat(Files.readString(calls))
        .contains("-Dstyle.color=never")
        .contains("-B")
        .contains("-Djansi.noreset=true");
  }
}
