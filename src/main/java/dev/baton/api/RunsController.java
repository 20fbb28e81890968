package dev.baton.api;

import dev.baton.request.RequestParser;
import dev.baton.run.RunLauncher;
import dev.baton.run.RunParameters;
import dev.baton.run.RunProperties;
import dev.baton.run.RunRegistry;
import dev.baton.run.RunSnapshot;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Runs over HTTP: one process instance per {@code POST}. */
@RestController
@RequestMapping("/api/runs")
class RunsController {
  private final RunLauncher launcher;
  private final RunRegistry registry;
  private final RunProperties properties;
  private final RunDetails details;
  private final RunCancellation cancellation;
  private final RequestParser parser;

  RunsController(
      RunLauncher launcher,
      RunRegistry registry,
      RunProperties properties,
      RunDetails details,
      RunCancellation cancellation,
      ObjectProvider<RequestParser> parser) {
    this.parser = parser.getIfAvailable(RequestParser::new);
    this.launcher = launcher;
    this.registry = registry;
    this.properties = properties;
    this.details = details;
    this.cancellation = cancellation;
  }

  @PostMapping
  ResponseEntity<StartedRun> start(@Valid @RequestBody StartRunBody body) {
    String request = body.requestText();
    if (request.isBlank()) {
      throw new FieldProblem("request", "give a request text or a non-empty task list");
    }
    String field = body.tasks() != null && !body.tasks().isEmpty() ? "tasks" : "request";
    try {
      // the same check the decompose step makes, here so that a request no run could finish never
      // starts
      parser.parse(request);
    } catch (IllegalArgumentException e) {
      throw new FieldProblem(field, e.getMessage());
    }
    RunParameters parameters;
    try {
      parameters =
          RunParameters.defaults(properties)
              .with(
                  body.pollInterval(),
                  body.inactivePolls(),
                  body.maxRalphCycles(),
                  body.submitRetries());
    } catch (IllegalArgumentException e) {
      throw new FieldProblem(e.getMessage().split(" ", 2)[0], e.getMessage());
    }
    RunSnapshot run = launcher.start(request, parameters);
    URI location = URI.create("/api/runs/" + run.runId());
    return ResponseEntity.accepted()
        .location(location)
        .body(new StartedRun(run.runId(), run.processInstanceKey(), location.toString()));
  }

  @GetMapping
  List<RunSummary> list() {
    return registry.all().stream()
        .sorted(Comparator.comparing(RunSnapshot::startedAt).reversed())
        .map(RunSummary::of)
        .toList();
  }

  @GetMapping("/{id}")
  RunDetail get(@PathVariable String id) {
    return details.of(id);
  }

  @DeleteMapping("/{id}")
  CancelledRun cancel(@PathVariable String id) {
    return cancellation.cancel(id);
  }
}
