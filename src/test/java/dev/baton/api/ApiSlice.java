package dev.baton.api;

import dev.baton.run.RunEvents;
import dev.baton.run.RunJournal;
import dev.baton.run.RunProperties;
import dev.baton.run.RunRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/** The real beans behind the API in a web slice: everything but the engine. */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(RunProperties.class)
@Import({
  ApiWebConfig.class,
  RunRegistry.class,
  RunJournal.class,
  RunEvents.class,
  RunDetails.class,
  RunCancellation.class
})
class ApiSlice {}
