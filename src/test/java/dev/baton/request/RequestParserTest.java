package dev.baton.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RequestParserTest {
  private final RequestParser parser = new RequestParser();

  @Test
  void freeTextHasNoExplicitTasks() {
    assertThat(parser.parse("Build a small REST API for todos, with tests.")).isEmpty();
  }

  @Test
  void bulletListGivesOneTaskPerItemWithPriorityAndDependencies() {
    var tasks =
        parser.parse(
            """
            Please do this:

            - Create the `Todo` entity [HIGH]
            - Add the repository, after #1
            * Write the controller (low) après T-004 et #2
            - Document | the API
            """);
    assertThat(tasks).hasSize(4);
    assertThat(tasks.get(0).description()).isEqualTo("Create the `Todo` entity");
    assertThat(tasks.get(0).priority()).isEqualTo("HIGH");
    assertThat(tasks.get(0).line()).isEqualTo(3);
    assertThat(tasks.get(1).description()).isEqualTo("Add the repository");
    assertThat(tasks.get(1).after()).containsExactly("#1");
    assertThat(tasks.get(1).priority()).isEqualTo("MED");
    assertThat(tasks.get(2).priority()).isEqualTo("LOW");
    assertThat(tasks.get(2).after()).containsExactly("T-004", "#2");
    assertThat(tasks.get(3).description()).isEqualTo("Document | the API");
  }

  @Test
  void orderedListAndNestedItemsStayOneTaskEach() {
    var tasks =
        parser.parse(
            """
            1. Parse the config priority: high
               - detail that belongs to the task
            2. Validate it
            """);
    assertThat(tasks).extracting(PlannedTask::description)
        .containsExactly("Parse the config", "Validate it");
    assertThat(tasks.get(0).priority()).isEqualTo("HIGH");
  }

  @Test
  void tableRowsWithTaskPriorityAndAfterColumns() {
    var tasks =
        parser.parse(
            """
            | Task | Priority | After |
            |------|----------|-------|
            | Écrire le parseur \\| lexer | HIGH | |
            | Tester le parseur | LOW | #1 |
            """);
    assertThat(tasks).hasSize(2);
    assertThat(tasks.get(0).description()).isEqualTo("Écrire le parseur | lexer");
    assertThat(tasks.get(0).priority()).isEqualTo("HIGH");
    assertThat(tasks.get(1).after()).containsExactly("#1");
    assertThat(tasks.get(1).priority()).isEqualTo("LOW");
  }

  @Test
  void anItemWithOnlyAPriorityIsAnErrorNamingTheLine() {
    assertThatThrownBy(() -> parser.parse("- real task\n- [HIGH]\n"))
        .hasMessageContaining("line 2")
        .hasMessageContaining("no description");
  }
}
