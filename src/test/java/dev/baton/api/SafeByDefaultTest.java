package dev.baton.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.util.unit.DataSize;

class SafeByDefaultTest {
  private final WebApplicationContextRunner web =
      new WebApplicationContextRunner().withUserConfiguration(ApiWebConfig.class).withBean(ObjectMapper.class);

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
    web.run(ctx -> assertThat(ctx).getFailure().rootCause().hasMessageContaining("unset (all interfaces)"));
  }

  @Test
  void anyOtherAddressWithTokenStarts() {
    web.withPropertyValues("server.address=0.0.0.0", "baton.api.token=t0ken")
        .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(ApiWebConfig.BindAddressGuard.class));
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
