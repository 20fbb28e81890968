package dev.baton;

import dev.baton.cli.Cli;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Entry point of the Spring application that hosts the engine client and the job workers. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BatonApplication {
  /**
   * The {@code baton} command line; commands that need the engine start this application
   * themselves.
   */
  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    // Exit explicitly: a failed engine start can leave a non-daemon thread behind.
    System.exit(Cli.execute(args, out, err, Cli.Environment.system()));
  }

  /** Every time Baton reads comes from here, so tests and benchmarks can control it. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
