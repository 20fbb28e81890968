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
    assertThat(tasks)
        .extracting(PlannedTask::description)
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

  @Test
  void oneTaskLimitForEveryRequestAboveItIsOneSentence() {
    String atLimit = "- task\n".repeat(RequestParser.MAX_TASKS);
    assertThat(parser.parse(atLimit)).hasSize(1000);
    assertThatThrownBy(() -> parser.parse("- task\n".repeat(1500)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage(
            "the request has 1,500 tasks, more than the 1,000 one run takes: split it into several runs");
    StringBuilder table = new StringBuilder("| Task |\n|---|\n");
    for (int i = 0; i < 1001; i++) {
      table.append("| task ").append(i).append(" |\n");
    }
    assertThatThrownBy(() -> parser.parse(table.toString())).hasMessageContaining("1,001 tasks");
  }

  @Test
  void aDependencyOnNoItemNamesTheTaskAndTheLine() {
    assertThatThrownBy(() -> parser.parse("- a\n- b (after #99)\n- c\n"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage(
            "task #2 (request line 2) depends on #99, but the request has 3 tasks, #1 to #3");
    assertThatThrownBy(() -> parser.parse("- a after #0\n")).hasMessageContaining("only 1 task");
  }

  @Test
  void aSelfDependencyIsRefused() {
    assertThatThrownBy(() -> parser.parse("- a\n- b, after #2\n"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("task #2 (request line 2) depends on itself");
  }

  @Test
  void aCycleIsNamedFromItsLowestTask() {
    assertThatThrownBy(() -> parser.parse("- a\n- b (after #3)\n- c (after #2)\n"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("tasks #2 → #3 → #2 form a cycle");
    assertThatThrownBy(
            () ->
                parser.parse(
                    "- a (after #4)\n- b (after #1)\n- c (after #2)\n- d (after #3, #2)\n"))
        .hasMessageStartingWith("tasks #1 → #4 → #3 → #2 → #1 form a cycle");
  }

  @Test
  void longChainsAndDiamondsAreFine() {
    StringBuilder chain = new StringBuilder("- first\n");
    for (int i = 2; i <= 1000; i++) {
      chain.append("- step ").append(i).append(" (after #").append(i - 1).append(")\n");
    }
    assertThat(parser.parse(chain.toString())).hasSize(1000);
    assertThat(parser.parse("- a\n- b after #1\n- c after #1\n- d after #2 and #3, T-007\n"))
        .hasSize(4);
    // a long chain closed at its end is still found, without a deep recursion
    assertThatThrownBy(
            () ->
                parser.parse("- first (after #1000)\n" + chain.substring(chain.indexOf("\n") + 1)))
        .hasMessageContaining("form a cycle");
  }

  @Test
  void controlCharactersStayInTheTaskAsWritten() {
    // what the board shows is the user's text; only what is typed into a pane is made safe
    var tasks = parser.parse("- print \u001b[31mred\u0007 [HIGH]\n- then \u202Eevil\n");
    assertThat(tasks.get(0).description()).isEqualTo("print \u001b[31mred\u0007");
    assertThat(tasks.get(1).description()).isEqualTo("then \u202Eevil");
  }
}
