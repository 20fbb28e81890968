package dev.baton.cli;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Start Baton as a server: engine, workers, REST API under /api and a status page at /.",
      "Listens on 127.0.0.1:8765 unless server.address/server.port say otherwise; any other address needs baton.api.token."
    })
class ServeCommand implements Callable<Integer> {
  @ParentCommand BatonCommand baton;
  @Mixin GlobalOptions global;

  @Override
  public Integer call() throws InterruptedException {
    CountDownLatch closed = new CountDownLatch(1);
    var context = baton.startContext(global, true, false, List.of());
    context.addApplicationListener(
        e -> {
          if (e instanceof ContextClosedEvent) {
            closed.countDown();
          }
        });
    var env = context.getEnvironment();
    String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
    String address = env.getProperty("server.address", "0.0.0.0");
    var out = baton.spec.commandLine().getOut();
    out.println(
        "Baton is serving on http://"
            + address
            + ":"
            + port
            + "/ (API under /api; stop with Ctrl-C)");
    out.flush();
    if (context.isActive()) {
      closed.await();
    }
    return ExitCodes.OK;
  }
}
