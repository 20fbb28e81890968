package dev.baton.live;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The diagram viewer (bpmn-js, from the {@code org.webjars.npm:bpmn-js} webjar) served by Baton
 * itself under plain one-segment names, which the token rule lets a browser load without the token,
 * like the page's own files; no CDN, no build step. Only these files are served.
 */
@RestController
class ViewerAssets {
  static final String BPMN_JS_VERSION = "8.0.0";
  private static final String DIST =
      "META-INF/resources/webjars/bpmn-js/" + BPMN_JS_VERSION + "/dist/";
  private static final MediaType JS = MediaType.parseMediaType("text/javascript;charset=UTF-8");
  private static final MediaType CSS = MediaType.parseMediaType("text/css;charset=UTF-8");

  /** Public name → file in the webjar. */
  static final Map<String, String> FILES =
      Map.of(
          "bpmn-viewer.js", "bpmn-navigated-viewer.production.min.js",
          "bpmn-diagram.css", "assets/diagram-js.css",
          "bpmn-font.css", "assets/bpmn-font/css/bpmn-embedded.css");

  @GetMapping("/{file:bpmn-viewer\\.js|bpmn-diagram\\.css|bpmn-font\\.css}")
  ResponseEntity<Resource> asset(@PathVariable String file) {
    Resource resource = new ClassPathResource(DIST + FILES.get(file));
    if (!resource.exists()) {
      return ResponseEntity.notFound().build();
    }
    return ResponseEntity.ok()
        .contentType(file.endsWith(".js") ? JS : CSS)
        .cacheControl(CacheControl.maxAge(1, TimeUnit.DAYS))
        .body(resource);
  }
}
