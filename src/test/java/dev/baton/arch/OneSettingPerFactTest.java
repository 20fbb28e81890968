package dev.baton.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Each fact is set in one place: no two settings records bind the same key, and the facts that used
 * to be set twice (submit retries, the tmux socket) have one key each.
 */
class OneSettingPerFactTest {
  /** Every top-level key each settings record binds, as {@code prefix.kebab-name}. */
  private static Map<String, List<String>> keys() {
    Map<String, List<String>> owners = new HashMap<>();
    for (JavaClass c :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.baton")) {
      if (!c.isAnnotatedWith(ConfigurationProperties.class) || !c.reflect().isRecord()) {
        continue;
      }
      ConfigurationProperties at = c.reflect().getAnnotation(ConfigurationProperties.class);
      String prefix = at.value().isEmpty() ? at.prefix() : at.value();
      for (var component : c.reflect().getRecordComponents()) {
        String key =
            prefix
                + "."
                + component.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
        owners.computeIfAbsent(key, k -> new ArrayList<>()).add(c.getSimpleName());
      }
    }
    return owners;
  }

  @Test
  void noKeyIsBoundByTwoSettingsRecords() {
    Map<String, List<String>> keys = keys();
    assertThat(keys).containsKeys("baton.language", "baton.submit-retries", "baton.tmux.socket");
    keys.forEach((key, owners) -> assertThat(owners).as(key).hasSize(1));
  }

  @Test
  void theFactsSetTwiceBeforeHaveOneKeyEach() {
    assertThat(keys().keySet())
        .doesNotContainAnyElementsOf(Set.of("baton.tmux.submit-retries", "baton.ops.tmux-socket"));
  }
}
