package dev.baton.run;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * One setting per fact, and the old spelling of a documented one still works for a while: {@code
 * baton.tmux.submit-retries} is read as {@code baton.submit-retries} (with a warning) when the
 * latter is not set. A key that was never documented has no alias.
 */
public class DeprecatedKeys implements EnvironmentPostProcessor {
  /** Old key → the one that replaced it. */
  static final Map<String, String> ALIASES =
      Map.of("baton.tmux.submit-retries", "baton.submit-retries");

  private final Log log;

  public DeprecatedKeys(DeferredLogFactory logs) {
    this.log = logs.getLog(DeprecatedKeys.class);
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Binder binder = Binder.get(environment);
    Map<String, Object> moved = new LinkedHashMap<>();
    ALIASES.forEach(
        (old, now) ->
            binder
                .bind(old, String.class)
                .ifBound(
                    value -> {
                      if (binder.bind(now, String.class).isBound()) {
                        log.warn(old + " is deprecated and ignored: " + now + " is set");
                      } else {
                        log.warn(old + " is deprecated: set " + now + " instead");
                        moved.put(now, value);
                      }
                    }));
    if (!moved.isEmpty()) {
      environment
          .getPropertySources()
          .addLast(new MapPropertySource("baton-deprecated-keys", moved));
    }
  }
}
