package dev.baton.api;

import dev.baton.BatonApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole Baton (engine, workers, Tomcat, Actuator) as {@code serve} starts it, on free ports, in
 * a temp workdir.
 */
final class RealServer implements AutoCloseable {
  private final ConfigurableApplicationContext context;

  private RealServer(ConfigurableApplicationContext context) {
    this.context = context;
  }

  static RealServer start(Path workdir, String... settings) {
    List<String> args = new ArrayList<>();
    args.add("--server.port=0");
    args.add("--baton.engine-port=0");
    args.add("--baton.workdir=" + workdir);
    args.add("--baton.bpmn=" + Path.of("src/test/resources/cli/tiny.bpmn").toAbsolutePath());
    args.add("--baton.ops.tmux-binary=/nonexistent/bin/tmux");
    args.add("--baton.resume=false");
    args.add("--logging.level.root=WARN");
    args.addAll(List.of(settings));
    return new RealServer(
        new SpringApplicationBuilder(BatonApplication.class)
            .web(WebApplicationType.SERVLET)
            .logStartupInfo(false)
            .run(args.toArray(String[]::new)));
  }

  ConfigurableApplicationContext context() {
    return context;
  }

  int port() {
    return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
  }

  int managementPort() {
    return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.management.port"));
  }

  @Override
  public void close() {
    context.close();
  }
}
