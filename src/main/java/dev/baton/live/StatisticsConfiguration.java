package dev.baton.live;

import dev.baton.process.EngineMode;
import dev.baton.process.EngineSeam;
import dev.baton.run.RunProperties;
import io.camunda.client.CamundaClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The element statistics of the engine Baton runs on: the embedded engine's record stream, or the
 * external cluster's REST API. {@code baton.live.element-statistics=false} turns them off (the page
 * then shows the model without tokens).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    name = "baton.live.element-statistics",
    havingValue = "true",
    matchIfMissing = true)
public class StatisticsConfiguration {

  @Bean(destroyMethod = "")
  ElementStatistics elementStatistics(
      RunProperties run,
      LiveProperties live,
      ObjectProvider<EngineSeam.EmbeddedEngine> embedded,
      CamundaClient client) {
    EngineSeam.EmbeddedEngine engine = embedded.getIfAvailable();
    if (run.engine() == EngineMode.EXTERNAL || engine == null) {
      return new CamundaRestStatistics(client, live.restTimeout());
    }
    return new RecordStreamStatistics(engine.newLogReader(), live.followInterval());
  }

  /** Stops the follower before the engine stops (the engine is destroyed last). */
  @Bean
  org.springframework.beans.factory.DisposableBean elementStatisticsCloser(
      ElementStatistics statistics) {
    return () -> {
      if (statistics instanceof AutoCloseable closeable) {
        closeable.close();
      }
    };
  }
}
