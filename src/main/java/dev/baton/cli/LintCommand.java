package dev.baton.cli;

import dev.baton.api.ApiProperties;
import dev.baton.api.BoardSnapshot;
import dev.baton.api.BoardView;
import dev.baton.run.RunLauncher;
import dev.baton.run.RunProperties;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Process;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    description = {
      "Check configuration, process model and board without starting the engine or touching tmux.",
      "Exit 0 when all is well, 2 when something must be fixed."
    })
class LintCommand implements Callable<Integer> {
  @ParentCommand BatonCommand baton;
  @Mixin GlobalOptions global;

  /**
   * Only the settings and, lazily, the board package: enough to check them, and no engine (the engine seam is an
   * initializer, which this context does not run). Deliberately not a {@code @Configuration}: the application's
   * component scan must not pick it up.
   */
  /** Not a {@code @Configuration}: the application's component scan must not pick it up. */
  @EnableConfigurationProperties({RunProperties.class, ApiProperties.class})
  @ComponentScan(basePackages = "dev.baton.board", lazyInit = true)
  static class LintContext {
    @Bean
    Clock lintClock() {
      return Clock.systemUTC();
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = baton.spec.commandLine().getOut();
    List<String> args = baton.springArgs(global, true, List.of());
    SpringApplication app = new SpringApplication(LintContext.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    app.setInitializers(List.of());
    app.setBannerMode(Banner.Mode.OFF);
    app.setLogStartupInfo(false);
    ConfigurableApplicationContext context;
    try {
      context = app.run(args.toArray(String[]::new));
    } catch (RuntimeException e) {
      out.println("FAIL config: " + ErrorSentences.of(e));
      return ExitCodes.USAGE;
    }
    try (context) {
      RunProperties props = context.getBean(RunProperties.class);
      out.println("ok   config: workdir " + props.workdir().toAbsolutePath().normalize() + ", engine " + props.engine().name().toLowerCase());
      boolean clean = checkModel(props.bpmn(), out);
      clean &= checkBoard(props.boardFile(), context, out);
      return clean ? ExitCodes.OK : ExitCodes.USAGE;
    }
  }

  private static boolean checkModel(Path file, PrintWriter out) {
    if (!Files.isRegularFile(file)) {
      out.println("FAIL model: " + file + " does not exist (baton.bpmn)");
      return false;
    }
    try {
      BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
      Bpmn.validateModel(model);
      boolean hasProcess =
          model.getModelElementsByType(Process.class).stream()
              .anyMatch(p -> RunLauncher.PROCESS_ID.equals(p.getId()) && p.isExecutable());
      if (!hasProcess) {
        out.println("FAIL model: " + file + " has no executable process with id '" + RunLauncher.PROCESS_ID + "'");
        return false;
      }
      out.println("ok   model: " + file);
      return true;
    } catch (RuntimeException e) {
      out.println("FAIL model: " + file + ": " + ErrorSentences.of(e));
      return false;
    }
  }

  private static boolean checkBoard(Path file, ConfigurableApplicationContext context, PrintWriter out) {
    if (!Files.exists(file)) {
      out.println("ok   board: " + file + " does not exist yet (the first run creates it)");
      return true;
    }
    if (!Files.isReadable(file) || !Files.isRegularFile(file)) {
      out.println("FAIL board: " + file + " cannot be read");
      return false;
    }
    BoardView view;
    try {
      view = context.getBeanProvider(BoardView.class).getIfAvailable();
    } catch (RuntimeException e) {
      out.println("FAIL board: the board reader could not start: " + ErrorSentences.of(e));
      return false;
    }
    if (view == null) {
      out.println("ok   board: " + file + " is readable (its rows are checked once the board reader is part of this build)");
      return true;
    }
    try {
      BoardSnapshot board = view.board();
      board.problems().forEach(p -> out.println("FAIL board: " + p));
      if (board.problems().isEmpty()) {
        out.println("ok   board: " + file + ", " + board.tasks().size() + " tasks");
      }
      return board.problems().isEmpty();
    } catch (RuntimeException e) {
      out.println("FAIL board: " + file + ": " + ErrorSentences.of(e));
      return false;
    }
  }
}
