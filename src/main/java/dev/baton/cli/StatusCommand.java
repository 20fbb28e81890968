package dev.baton.cli;

import dev.baton.api.RunDetail;
import dev.baton.api.RunSummary;
import dev.baton.views.AgentInfo;
import dev.baton.views.TaskRow;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "List the runs of a running 'baton serve', or show one: phase, tasks, agents.")
class StatusCommand implements Callable<Integer> {
  @ParentCommand BatonCommand baton;
  @Mixin GlobalOptions global;
  @Mixin ServerOptions server;

  @Parameters(paramLabel = "RUN", arity = "0..1", description = "Run id (all runs when absent).")
  String runId;

  @Option(names = "--report", description = "Also print the final report of an ended run.")
  boolean report;

  @Override
  public Integer call() {
    ApiClient api = new ApiClient(server, baton.env().http());
    PrintWriter out = baton.spec.commandLine().getOut();
    if (runId == null) {
      RunSummary[] runs = api.get("/api/runs", RunSummary[].class);
      if (runs.length == 0) {
        out.println("No runs yet.");
      }
      for (RunSummary r : runs) {
        out.printf("%-28s %-24s %s%n", r.runId(), r.phaseLabel(), firstLine(r.request()));
      }
      return ExitCodes.OK;
    }
    RunDetail d = api.get("/api/runs/" + runId, RunDetail.class);
    out.printf(
        "Run %s  phase: %s  process instance: %d%n",
        d.run().runId(), d.run().phaseLabel(), d.run().processInstanceKey());
    out.println("Request: " + firstLine(d.run().request()));
    if (d.tasks() != null) {
      out.println("Tasks:");
      for (TaskRow t : d.tasks()) {
        out.printf(
            "  %-7s %-12s %-14s %s%n",
            t.id(), t.status(), t.assignedTo() == null ? "" : t.assignedTo(), t.description());
      }
    }
    if (d.agents() != null) {
      out.println("Agents:");
      for (AgentInfo a : d.agents()) {
        out.printf(
            "  %-10s %-8s %-13s %s%n",
            a.name(), a.cli(), a.state(), a.taskId() == null ? "(free)" : a.taskId());
      }
    }
    d.notes().forEach(n -> out.println("(" + n + ")"));
    if (report && d.report() != null) {
      out.println();
      out.println(d.report().stripTrailing());
    }
    return ExitCodes.OK;
  }

  static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    String line = text.strip().lines().findFirst().orElse("");
    return line.length() > 80 ? line.substring(0, 79) + "…" : line;
  }
}
