package dev.baton.process;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.logstreams.log.LogStreamReader;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.LoopbackEngineFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The one place that knows which engine runs.
 *
 * <p>It must act before any Camunda client bean exists, so it is an {@link
 * ApplicationContextInitializer} (registered in {@code META-INF/spring.factories}): in embedded
 * mode it starts the in-memory engine on loopback and points {@code camunda.client.*} at it; in
 * external mode it does nothing and the user's {@code camunda.client.*} settings apply. The engine
 * is stopped when the context is destroyed, after the job workers, because it is registered as the
 * first disposable bean.
 */
public final class EngineSeam
    implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

  /** Bean name of the running {@link EmbeddedEngine}, absent in external mode. */
  public static final String ENGINE_BEAN = "batonEmbeddedEngine";

  private static final Logger LOG = LoggerFactory.getLogger(EngineSeam.class);

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ConfigurableEnvironment env = context.getEnvironment();
    Binder binder = Binder.get(env);
    EngineMode mode = binder.bind("baton.engine", EngineMode.class).orElse(EngineMode.EMBEDDED);
    if (mode == EngineMode.EXTERNAL) {
      addExternalDefaults(env);
      LOG.info(
          "Engine: external, gRPC {} (camunda.client.* settings)",
          env.getProperty("camunda.client.grpc-address"));
      return;
    }
    int port = binder.bind("baton.engine-port", Integer.class).orElse(26500);
    EmbeddedEngine engine = EmbeddedEngine.start(port);
    Map<String, Object> client = new LinkedHashMap<>();
    client.put("camunda.client.mode", "self-managed");
    client.put("camunda.client.enabled", "true");
    client.put("camunda.client.grpc-address", "http://127.0.0.1:" + engine.port());
    client.put("camunda.client.rest-address", "http://127.0.0.1:" + engine.port());
    client.put("camunda.client.prefer-rest-over-grpc", "false");
    env.getPropertySources().addFirst(new MapPropertySource("batonEmbeddedEngine", client));
    DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
    beans.registerSingleton(ENGINE_BEAN, engine);
    beans.registerDisposableBean(ENGINE_BEAN, engine);
    beans.addBeanPostProcessor(
        new BeanPostProcessor() {
          @Override
          public Object postProcessAfterInitialization(Object bean, String name) {
            if (bean instanceof CamundaClient || bean instanceof ZeebeClient) {
              engine.awaitReady(); // a client must not reach the gateway before it listens
            }
            return bean;
          }
        });
  }

  /**
   * With {@code baton.engine=external} and nothing else, Baton talks to the engine {@code
   * docker-compose.yml} starts: self-managed, gRPC on 127.0.0.1:26500 (deployment, jobs and
   * messages all over gRPC), REST on 127.0.0.1:8080. Each key the user sets wins; with SaaS
   * settings ({@code camunda.client.mode=saas} or a cloud cluster id) none of these apply. Without
   * them the client would deploy over REST to its own default address, 0.0.0.0:8080 or 8088
   * depending on the mode.
   */
  public static final Map<String, String> EXTERNAL_DEFAULTS =
      Map.of(
          "camunda.client.mode", "self-managed",
          "camunda.client.grpc-address", "http://127.0.0.1:26500",
          "camunda.client.rest-address", "http://127.0.0.1:8080",
          "camunda.client.prefer-rest-over-grpc", "false");

  private static void addExternalDefaults(ConfigurableEnvironment env) {
    if ("saas".equalsIgnoreCase(env.getProperty("camunda.client.mode"))
        || env.containsProperty("camunda.client.cloud.cluster-id")) {
      return;
    }
    Map<String, Object> defaults = new LinkedHashMap<>();
    EXTERNAL_DEFAULTS.forEach(
        (key, value) -> {
          if (!setByUser(env, key)) {
            defaults.put(key, value);
          }
        });
    env.getPropertySources()
        .addFirst(new MapPropertySource("batonExternalEngineDefaults", defaults));
  }

  /**
   * Set by the person (command line, config files, environment), not only by the Camunda starter's
   * defaults for its mode, which it adds as the last property sources ({@code
   * modes/self-managed.yaml}).
   */
  private static boolean setByUser(ConfigurableEnvironment env, String key) {
    for (PropertySource<?> source : env.getPropertySources()) {
      if (source.getName().startsWith("modes/")
          || source.getName().startsWith("auth-methods/")
          || ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
        continue;
      }
      if (source.containsProperty(key)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  /**
   * The in-memory engine and the loopback port its gateway listens on. The engine starts on a
   * thread of its own while Spring builds the rest of the context (the two take seconds each); the
   * first Camunda client bean waits for it, so nothing talks to the engine before it listens, and a
   * failed start fails the context start as before, with the same sentence.
   */
  public static final class EmbeddedEngine implements DisposableBean {
    private final int port;
    private final Background<Started> start;

    private record Started(ZeebeTestEngine engine, LogStream log, Duration took) {}

    private EmbeddedEngine(int port, Background<Started> start) {
      this.port = port;
      this.start = start;
    }

    static EmbeddedEngine start(int requestedPort) {
      int port = requestedPort == 0 ? freeLoopbackPort() : requestedPort;
      return new EmbeddedEngine(port, Background.start("baton-engine-start", () -> startNow(port)));
    }

    private static Started startNow(int port) {
      long t0 = System.nanoTime();
      LoopbackEngineFactory.Loopback loopback = LoopbackEngineFactory.createWithLog(port);
      ZeebeTestEngine engine = loopback.engine();
      try {
        engine.start();
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "The embedded engine could not listen on 127.0.0.1:"
                + port
                + " (is another Baton or Zeebe running? set baton.engine-port): "
                + e.getMessage(),
            e);
      }
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      LOG.info(
          "Engine: embedded, gateway on 127.0.0.1:{}, ready in {} ms ({} ms after JVM start)",
          port,
          took.toMillis(),
          ManagementFactory.getRuntimeMXBean().getUptime());
      return new Started(engine, loopback.log(), took);
    }

    /** Whether the engine's start has ended, well or not. */
    public boolean startEnded() {
      return start.done();
    }

    /** Blocks until the engine listens. */
    public void awaitReady() {
      started();
    }

    private Started started() {
      return start.join();
    }

    public int port() {
      return port;
    }

    public ZeebeTestEngine engine() {
      return started().engine();
    }

    /**
     * A reader of the engine's log with a position of its own, for followers of the record stream
     * (element statistics); the caller closes it.
     */
    public LogStreamReader newLogReader() {
      return started().log().newLogStreamReader();
    }

    /** How long the engine took to start. */
    public Duration startTime() {
      return started().took();
    }

    @Override
    public void destroy() {
      Started s;
      try {
        s = started();
      } catch (RuntimeException | Error failed) {
        return; // nothing started, nothing to stop
      }
      s.engine().stop();
    }

    private static int freeLoopbackPort() {
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException("no free loopback port for the embedded engine", e);
      }
    }
  }
}
