package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
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

  /**
   * A JDK stand-in: reports the major version it is given, unpacks a jar by writing its file, and
   * writes the file an {@code -XX:AOTCacheOutput=} start names (or fails when told to).
   */
  private Path fakeJdk(int major) throws Exception {
    Path jdk = Files.createDirectories(dir.resolve("jdk" + major + "/bin"));
    String java =
        """
        #!/bin/sh
        echo "$*" >> "$CALLS"
        case "$*" in
          *-XshowSettings:properties*) echo "    java.specification.version = %d" >&2 ;;
          *jarmode=tools*) for a; do d=$a; done; mkdir -p "$d" && echo app > "$d/baton.jar" ;;
          *-XX:AOTCacheOutput=*)
            [ "${TRAINING:-}" = fail ] && exit 1
            out=$(echo "$*" | sed -n 's/.*-XX:AOTCacheOutput=\\([^ ]*\\).*/\\1/p')
            echo cache > "$out" ;;
        esac
        exit 0
        """
            .formatted(major);
    for (String tool : List.of("java", "javac")) {
      Files.writeString(jdk.resolve(tool), java);
      Files.setPosixFilePermissions(
          jdk.resolve(tool), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return jdk.getParent();
  }

  /** Runs the launcher in a copy of the project whose Maven writes an empty jar. */
  private List<String> launch(Path home, Path jdk, Map<String, String> env) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path mvn =
        Files.writeString(
            bin.resolve("mvn"), "#!/bin/sh\nmkdir -p target && echo jar > target/baton.jar\n");
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path calls = dir.resolve("java-calls");
    Files.deleteIfExists(calls);
    ProcessBuilder pb =
        new ProcessBuilder("sh", home.resolve("baton").toString(), "lint")
            .redirectErrorStream(true);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("JAVA_HOME", jdk.toString());
    pb.environment().put("CALLS", calls.toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(calls));
    lines.removeIf(l -> l.contains("-XshowSettings"));
    lines.add("output: " + output);
    return lines;
  }

  private Path project() throws Exception {
    Path home = Files.createDirectory(dir.resolve("baton"));
    Files.copy(Path.of("baton"), home.resolve("baton"));
    return home;
  }

  @Test
  void onJdk25ABuildIsFollowedByOneTrainingStartAndEveryStartUsesItsCache() throws Exception {
    Path home = project();
    Path jdk = fakeJdk(25);

    List<String> first = launch(home, jdk, Map.of());

    assertThat(first.get(0)).contains("-Djarmode=tools").contains("extract");
    assertThat(first.get(1))
        .as("the training start")
        .contains("-XX:AOTCacheOutput=" + home + "/target/baton.aot.part")
        .contains("-Dspring.context.exit=onRefresh")
        .contains("serve")
        .contains("--baton.engine-port=0")
        .contains("--server.port=0")
        .contains("-XX:TieredStopAtLevel=1")
        .doesNotContain("AutoCreateSharedArchive");
    assertThat(first.get(2))
        .as("the command itself, with the flags it was trained with")
        .contains("-XX:AOTCache=" + home + "/target/baton.aot")
        .contains("-XX:TieredStopAtLevel=1")
        .endsWith("lint");
    assertThat(first.getLast()).contains("writing the start-up cache target/baton.aot");
    assertThat(home.resolve("target/baton.aot")).exists();
    assertThat(home.resolve("target/baton.aot.part")).doesNotExist();

    List<String> second = launch(home, jdk, Map.of());
    assertThat(second)
        .as("no new build, no new training")
        .hasSize(2)
        .first()
        .asString()
        .contains("-XX:AOTCache=" + home + "/target/baton.aot")
        .endsWith("lint");
  }

  @Test
  void aFailedTrainingLeavesNoCacheAndBatonStartsWithoutOne() throws Exception {
    Path home = project();

    List<String> calls = launch(home, fakeJdk(25), Map.of("TRAINING", "fail"));

    assertThat(calls.get(2)).endsWith("lint").doesNotContain("AOTCache");
    assertThat(calls.getLast()).contains("no start-up cache (see target/aot-training.log)");
    assertThat(home.resolve("target/baton.aot")).doesNotExist();
    assertThat(home.resolve("target/baton.aot.part")).doesNotExist();
  }

  @Test
  void beforeJdk25ThereIsNoTrainingAndAClassDataArchiveIsWrittenOnFirstUse() throws Exception {
    Path home = project();

    List<String> calls = launch(home, fakeJdk(21), Map.of());

    assertThat(calls).noneMatch(l -> l.contains("AOTCache"));
    assertThat(calls.get(1))
        .contains("-XX:+AutoCreateSharedArchive")
        .contains("-XX:SharedArchiveFile=" + home + "/target/baton.jsa")
        .contains("-XX:TieredStopAtLevel=1")
        .endsWith("lint");
  }
}
