package dev.baton.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.util.unit.DataSize;

class SafeByDefaultTest {
  private final WebApplicationContextRunner web =
      new WebApplicationContextRunner()
          .withUserConfiguration(ApiWebConfig.class)
          .withBean(ObjectMapper.class);

  @Test
  void loopbackStartsWithoutToken() {
    web.withPropertyValues("server.address=127.0.0.1").run(ctx -> assertThat(ctx).hasNotFailed());
    web.withPropertyValues("server.address=::1").run(ctx -> assertThat(ctx).hasNotFailed());
  }

  @Test
  void anyOtherAddressWithoutTokenRefusesToStartWithAClearSentence() {
    web.withPropertyValues("server.address=0.0.0.0")
        .run(
            ctx ->
                assertThat(ctx)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("server.address is 0.0.0.0")
                    .hasMessageContaining("set baton.api.token"));
    web.run(
        ctx ->
            assertThat(ctx)
                .getFailure()
                .rootCause()
                .hasMessageContaining("unset (all interfaces)"));
  }

  @Test
  void anyOtherAddressWithTokenStarts() {
    web.withPropertyValues("server.address=0.0.0.0", "baton.api.token=t0ken")
        .run(
            ctx ->
                assertThat(ctx).hasNotFailed().hasSingleBean(ApiWebConfig.BindAddressGuard.class));
  }

  @Test
  void anActuatorPortReachableFromOtherMachinesNeedsTheTokenToo() {
    web.withPropertyValues(
            "server.address=127.0.0.1",
            "management.server.port=9999",
            "management.server.address=0.0.0.0")
        .run(
            ctx ->
                assertThat(ctx)
                    .getFailure()
                    .rootCause()
                    .hasMessageStartingWith("management.server.address is 0.0.0.0")
                    .hasMessageContaining("set baton.api.token"));
    web.withPropertyValues(
            "server.address=127.0.0.1",
            "management.server.port=9999",
            "management.server.address=0.0.0.0",
            "baton.api.token=t0ken")
        .run(ctx -> assertThat(ctx).hasNotFailed());
  }

  @Test
  void theActuatorPortListensWhereTheApiDoesUnlessToldOtherwise() {
    assertThat(managementAddress(Map.of("management.server.port", "9999"))).isEqualTo("127.0.0.1");
    assertThat(
            managementAddress(
                Map.of("management.server.port", "9999", "server.address", "10.0.0.7")))
        .isEqualTo("10.0.0.7");
    assertThat(
            managementAddress(
                Map.of(
                    "management.server.port",
                    "9999",
                    "server.address",
                    "0.0.0.0",
                    "management.server.address",
                    "::1")))
        .isEqualTo("::1");
    // same port, or none: Boot refuses a management address there, so none is set
    assertThat(managementAddress(Map.of("server.address", "0.0.0.0"))).isNull();
    assertThat(managementAddress(Map.of("server.port", "8765", "management.server.port", "8765")))
        .isNull();
  }

  private static String managementAddress(Map<String, Object> settings) {
    var env = new org.springframework.core.env.StandardEnvironment();
    env.getPropertySources()
        .addFirst(new org.springframework.core.env.MapPropertySource("test", settings));
    new ManagementAddressDefault().postProcessEnvironment(env, null);
    return env.getProperty("management.server.address");
  }

  @Test
  void tokenStaysOutOfToStringAndIsComparedExactly() {
    ApiProperties api = new ApiProperties("very-secret", DataSize.ofKilobytes(256));
    assertThat(api.toString()).doesNotContain("very-secret").contains("(set)");
    assertThat(api.accepts("very-secret")).isTrue();
    assertThat(api.accepts("very-secreT")).isFalse();
    assertThat(api.accepts("very-secret ")).isFalse();
    assertThat(api.accepts(null)).isFalse();
    assertThat(new ApiProperties(null, DataSize.ofKilobytes(1)).accepts("")).isFalse();
    assertThatThrownBy(() -> new ApiProperties(null, DataSize.ofBytes(0)))
        .hasMessageContaining("baton.api.max-body-size");
  }
}
