package dev.baton.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * {@code baton.tmux.submit-retries}, documented before, still sets the one submit-retries setting.
 */
class DeprecatedKeysTest {
  private static RunProperties bound(Map<String, Object> settings) {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().addFirst(new MapPropertySource("test", settings));
    new DeprecatedKeys(destination -> destination.get()).postProcessEnvironment(env, null);
    return Binder.get(env).bindOrCreate("baton", RunProperties.class);
  }

  @Test
  void theOldKeySetsTheNewOne() {
    assertThat(bound(Map.of("baton.tmux.submit-retries", "6")).submitRetries()).isEqualTo(6);
  }

  @Test
  void theNewKeyWinsOverTheOldOne() {
    assertThat(
            bound(Map.of("baton.tmux.submit-retries", "6", "baton.submit-retries", "1"))
                .submitRetries())
        .isEqualTo(1);
  }

  @Test
  void withNeitherTheDefaultHolds() {
    assertThat(bound(Map.of()).submitRetries()).isEqualTo(3);
  }
}
