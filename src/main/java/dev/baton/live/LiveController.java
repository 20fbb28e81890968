package dev.baton.live;

import dev.baton.api.UnknownRunException;
import dev.baton.run.RunRegistry;
import dev.baton.run.RunSnapshot;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * What the live page reads besides the runs API: a run's feed (server-sent events), the model its
 * instance runs, and an agent's last screen lines. All under {@code /api}, so the API token rule
 * applies as to every other route: the page reads the feed with {@code fetch} and the {@code
 * Authorization} header, never a token in the URL.
 */
@RestController
class LiveController {
  /** Most screen lines one request returns. */
  static final int MAX_LINES = 200;

  private final RunRegistry runs;
  private final LiveFeed feed;
  private final ObjectProvider<ElementStatistics> statistics;
  private final AgentLooks agents;

  LiveController(
      RunRegistry runs,
      LiveFeed feed,
      ObjectProvider<ElementStatistics> statistics,
      AgentLooks agents) {
    this.runs = runs;
    this.feed = feed;
    this.statistics = statistics;
    this.agents = agents;
  }

  @GetMapping(path = "/api/runs/{id}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter live(@PathVariable String id) {
    return feed.subscribe(run(id));
  }

  /** The BPMN XML the run's instance runs, as deployed. */
  @GetMapping(path = "/api/runs/{id}/model", produces = MediaType.APPLICATION_XML_VALUE)
  ResponseEntity<String> model(@PathVariable String id) {
    RunSnapshot run = run(id);
    ElementStatistics stats = statistics.getIfAvailable();
    if (stats == null || run.processInstanceKey() <= 0) {
      return ResponseEntity.notFound().build();
    }
    return stats
        .of(run.processInstanceKey())
        .flatMap(s -> stats.modelXml(s.processDefinitionKey()))
        .map(xml -> ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(xml))
        .orElseGet(() -> ResponseEntity.notFound().build());
  }

  @GetMapping("/api/agents/{name}/screen")
  ResponseEntity<Map<String, Object>> screen(
      @PathVariable String name, @RequestParam(defaultValue = "20") int lines) {
    int n = Math.max(1, Math.min(MAX_LINES, lines));
    return agents
        .lastLines(name, n)
        .map(
            l ->
                ResponseEntity.ok(Map.<String, Object>of("agent", name, "lines", (List<String>) l)))
        .orElseGet(() -> ResponseEntity.notFound().build());
  }

  @ExceptionHandler(UnknownRunException.class)
  ProblemDetail unknownRun(UnknownRunException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setTitle("Unknown run");
    return problem;
  }

  private RunSnapshot run(String id) {
    return runs.get(id).orElseThrow(() -> new UnknownRunException(id));
  }
}
