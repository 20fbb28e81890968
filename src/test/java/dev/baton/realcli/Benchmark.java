package dev.baton.realcli;

import dev.baton.agents.AgentState;
import dev.baton.run.Happened;
import dev.baton.run.RunEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prompt delivery to the real CLIs in one run, per agent, from Baton's own events and the model
 * server's log.
 */
final class Benchmark {

  private Benchmark() {}

  static String table(RealCliTeam team, String runId, ScreenSampler sampler) {
    Map<String, List<AgentState>> states = sampler.seen();
    Map<String, int[]> counts = sampler.counts();
    StringBuilder sb =
        new StringBuilder(
            "| agent | CLI | version | prompts sent | turns opened at the model | submitted first time | extra Enters |"
                + " median submit | states seen | screens sampled | UNKNOWN frames | misclassified |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (RealCliTeam.Member m : team.members) {
      List<RunEvent> prompted =
          team.events(runId, "prompted").stream().filter(e -> m.name().equals(e.agent())).toList();
      List<Long> millis = new ArrayList<>();
      int first = 0;
      for (RunEvent e : prompted) {
        if (e.what() instanceof Happened.PromptSubmitted p) {
          millis.add(p.elapsed().toMillis());
          if (p.enterPresses() <= 1) {
            first++;
          }
        }
      }
      int extra = 0;
      for (RunEvent e : team.events(runId, "submit-retry")) {
        if (m.name().equals(e.agent()) && e.what() instanceof Happened.SubmitRetried r) {
          extra += r.extraPresses();
        }
      }
      String api = m.cli().api();
      long turns =
          team.model.requests().stream()
              .filter(r -> r.api().equals(api) && r.promptFor().isPresent())
              .count();
      millis.sort(Long::compare);
      String median = millis.isEmpty() ? "-" : millis.get(millis.size() / 2) + " ms";
      sb.append("| ")
          .append(m.name())
          .append(" | ")
          .append(m.cli().id())
          .append(" | ")
          .append(m.cli().version(RealCliTeam.cache()))
          .append(" | ")
          .append(prompted.size())
          .append(" | ")
          .append(turns)
          .append(" | ")
          .append(first)
          .append(" | ")
          .append(extra)
          .append(" | ")
          .append(median)
          .append(" | ")
          .append(states.getOrDefault(m.name(), List.of()));
      int[] c = counts.getOrDefault(m.name(), new int[3]);
      sb.append(" | ")
          .append(c[0])
          .append(" | ")
          .append(c[1])
          .append(" | ")
          .append(c[2])
          .append(" |\n");
    }
    return sb.toString();
  }
}
