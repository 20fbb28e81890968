package dev.baton.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PromptTemplatesTest {

  private static final Map<String, String> VALUES =
      Map.of(
          "taskId", "T-005",
          "description",
              "Liste les fichiers dans agents_library/ et écris le résultat dans /tmp/amp-ls.txt",
          "board", "CLAUDE.md",
          "agent", "AMP",
          "note", "crédits épuisés",
          "failure", "2 tests en échec",
          "feature", "export CSV",
          "firstId", "T-010");

  /** The worktree isolation's values beside them. */
  private static final Map<String, String> VALUES_ISOLATED =
      Map.of(
          "files", "a.txt",
          "folder", "/w/.baton/worktrees/AMP",
          "branch", "baton/run-1-AMP",
          "integration", "baton/run-1");

  private static Map<String, String> all() {
    Map<String, String> all = new java.util.HashMap<>(VALUES);
    all.putAll(VALUES_ISOLATED);
    return all;
  }

  @Test
  void frenchTaskKeepsTheMethodsInstructionsOnOneLine() {
    String prompt = new PromptTemplates(null, "fr").render(PromptKind.TASK, (String) null, VALUES);
    assertThat(prompt)
        .doesNotContain("\n")
        .startsWith("Tâche T-005 : Liste les fichiers dans agents_library/")
        .contains("Quand tu as terminé, mets à jour le fichier CLAUDE.md :")
        .contains(
            "1. Dans la table \"Task Assignment Queue\", change le Status de T-005 de IN_PROGRESS à COMPLETED")
        .contains(
            "2. Ajoute une ligne dans \"Task Completion Log\" avec la date, ton nom (AMP), T-005, le statut COMPLETED et une note courte")
        .contains("mets le Status de T-005 à BLOCKED");
  }

  @ParameterizedTest
  @EnumSource(value = PromptKind.class, mode = EnumSource.Mode.EXCLUDE, names = "WORKTREE")
  void everyKindRendersInBothLanguagesWithTheTaskId(PromptKind kind) {
    for (String lang : new String[] {"fr", "en"}) {
      String prompt = new PromptTemplates(null, "fr").render(kind, lang, all());
      assertThat(prompt)
          .doesNotContain("\n")
          .doesNotContain("{{")
          .contains("T-005")
          .contains("COMPLETED");
    }
  }

  @Test
  void theWorktreeLineNamesTheFolderAndTheBoardInBothLanguages() {
    for (String lang : new String[] {"fr", "en"}) {
      assertThat(new PromptTemplates(null, "fr").render(PromptKind.WORKTREE, lang, all()))
          .doesNotContain("\n")
          .contains("/w/.baton/worktrees/AMP")
          .contains("baton/run-1-AMP")
          .contains("CLAUDE.md");
    }
    assertThat(new PromptTemplates(null, "fr").render(PromptKind.RESOLVE, "fr", all()))
        .startsWith("Tâche T-005 (fusion)")
        .contains("a.txt")
        .contains("/w/.baton/worktrees/AMP");
  }

  @Test
  void variantsCarryTheirMarkers() {
    PromptTemplates t = new PromptTemplates(null, "fr");
    assertThat(t.render(PromptKind.TEST, "fr", VALUES))
        .startsWith("Tâche T-005 (tests)")
        .contains("PASSED")
        .contains("FAILED");
    assertThat(t.render(PromptKind.FIX, "fr", VALUES))
        .startsWith("Tâche T-005 (correction)")
        .contains("2 tests en échec");
    assertThat(t.render(PromptKind.REASSIGNED, "fr", VALUES))
        .startsWith("Tâche T-005 (réassignée)")
        .contains("crédits épuisés");
    assertThat(t.render(PromptKind.UNBLOCK, "en", VALUES)).startsWith("Task T-005 (unblock)");
  }

  @Test
  void missingValuesAreNamed() {
    Map<String, String> partial = new HashMap<>(VALUES);
    partial.remove("board");
    partial.remove("description");
    assertThatThrownBy(() -> new PromptTemplates(null, "fr").render(PromptKind.TASK, "fr", partial))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[description, board]");
  }

  @Test
  void valuesAreFlattenedToo() {
    Map<String, String> v = new HashMap<>(VALUES);
    v.put("description", "first line\nsecond line");
    assertThat(new PromptTemplates(null, "en").render(PromptKind.TASK, (String) null, v))
        .contains("first line second line");
  }

  @Test
  void userDirectoryWinsAndFallsBackToShipped(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("fr"));
    Files.writeString(dir.resolve("fr/task.txt"), "Fais {{taskId}}\npuis mets {{board}} à jour\n");
    PromptTemplates t = new PromptTemplates(dir, "fr");
    assertThat(t.render(PromptKind.TASK, "fr", VALUES))
        .isEqualTo("Fais T-005 puis mets CLAUDE.md à jour");
    assertThat(t.render(PromptKind.TEST, "fr", VALUES)).startsWith("Tâche T-005 (tests)");
    assertThatThrownBy(() -> t.render(PromptKind.TASK, "de", VALUES))
        .hasMessageContaining("de/task.txt");
    assertThatThrownBy(() -> t.render(PromptKind.TASK, "../x", VALUES))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
