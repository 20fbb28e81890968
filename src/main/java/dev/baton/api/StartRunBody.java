package dev.baton.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;

/**
 * Body of {@code POST /api/runs}. Either {@code request} (free text or a Markdown list/table) or
 * {@code tasks} (an explicit plan) or both; the parameters override the configured defaults for
 * this run only.
 *
 * @param pollInterval ISO-8601 duration ({@code PT30S})
 */
public record StartRunBody(
    String request,
    @Valid List<@NotNull @Valid TaskInput> tasks,
    Duration pollInterval,
    @Min(1) Integer inactivePolls,
    @Min(1) Integer maxRalphCycles,
    @Min(0) Integer submitRetries) {

  /**
   * The request text the run starts with: the tasks become a Markdown list after the text, the form
   * the request parser reads as an explicit plan.
   */
  public String requestText() {
    StringBuilder text = new StringBuilder(request == null ? "" : request.strip());
    if (tasks != null && !tasks.isEmpty()) {
      if (!text.isEmpty()) {
        text.append("\n\n");
      }
      for (TaskInput t : tasks) {
        text.append("- ").append(t.description().strip().replace('\n', ' '));
        if (t.priority() != null && !t.priority().isBlank()) {
          text.append(" [")
              .append(t.priority().strip().toUpperCase(java.util.Locale.ROOT))
              .append(']');
        }
        if (t.after() != null && !t.after().isEmpty()) {
          text.append(" (after ").append(String.join(", ", t.after())).append(')');
        }
        text.append('\n');
      }
    }
    return text.toString().strip();
  }
}
