package dev.baton.api;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Spring Boot binds the Actuator's own port ({@code management.server.port}) to every interface
 * unless told otherwise; Baton binds it where the API listens ({@code server.address}, 127.0.0.1 by
 * default), so setting a port never opens the metrics to the network. An explicit {@code
 * management.server.address} wins, and is checked like {@code server.address}. Set only when the
 * port differs: Boot refuses the address key otherwise.
 */
public class ManagementAddressDefault implements EnvironmentPostProcessor {
  static final String KEY = "management.server.address";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (environment.containsProperty(KEY)
        || ManagementPortType.get(environment) != ManagementPortType.DIFFERENT) {
      return;
    }
    String address = environment.getProperty("server.address", "");
    environment
        .getPropertySources()
        .addLast(
            new MapPropertySource(
                "baton-management-address",
                Map.of(KEY, address.isBlank() ? "127.0.0.1" : address.strip())));
  }
}
