package dev.baton.cli;

import dev.baton.BatonApplication;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The real context: the whole application, web on or off. */
final class SpringContexts implements ContextStarter {
  @Override
  public ConfigurableApplicationContext start(boolean web, List<String> springArgs) {
    return new SpringApplicationBuilder(BatonApplication.class)
        .web(web ? WebApplicationType.SERVLET : WebApplicationType.NONE)
        .logStartupInfo(false)
        .run(springArgs.toArray(String[]::new));
  }
}
