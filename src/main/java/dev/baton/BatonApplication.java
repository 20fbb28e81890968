package dev.baton;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import java.time.Clock;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Entry point of the Spring application that hosts the engine client and the job workers. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BatonApplication {
  public static void main(String[] args) {
    SpringApplication.run(BatonApplication.class, args);
  }

  /** Every time Baton reads comes from here, so tests and benchmarks can control it. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
