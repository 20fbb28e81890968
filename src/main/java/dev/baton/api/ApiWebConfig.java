package dev.baton.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Safe by default: the API listens on loopback; anywhere else it refuses to start without a token,
 * and with a token every API request must carry it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ApiProperties.class)
public class ApiWebConfig {

  /**
   * Fails start-up when the server, or the Actuator on its own port, is reachable from other
   * machines and no token protects it.
   */
  @Bean
  BindAddressGuard bindAddressGuard(Environment environment, ApiProperties api) {
    BindAddressGuard guard =
        BindAddressGuard.check(environment.getProperty("server.address", ""), api);
    if (ManagementPortType.get(environment) == ManagementPortType.DIFFERENT) {
      BindAddressGuard.check(
          "management.server.address",
          environment.getProperty("management.server.address", ""),
          api);
    }
    return guard;
  }

  @Bean
  FilterRegistrationBean<TokenFilter> batonTokenFilter(
      ApiProperties api,
      ObjectMapper json,
      @Value("${management.endpoints.web.base-path:/actuator}") String endpoints) {
    return tokenFilter(api, json, endpoints);
  }

  @Bean
  FilterRegistrationBean<BodyLimitFilter> batonBodyLimitFilter(
      ApiProperties api, ObjectMapper json) {
    return bodyLimitFilter(api, json);
  }

  static FilterRegistrationBean<TokenFilter> tokenFilter(
      ApiProperties api, ObjectMapper json, String endpoints) {
    var registration =
        new FilterRegistrationBean<>(new TokenFilter(api, new ProblemResponses(json), endpoints));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  static FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(
      ApiProperties api, ObjectMapper json) {
    var registration =
        new FilterRegistrationBean<>(new BodyLimitFilter(api, new ProblemResponses(json)));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  /**
   * Bodies of Baton's own API are read strictly; everything else keeps the shared mapper's
   * defaults.
   */
  @Bean
  WebMvcConfigurer batonStrictBodies(ObjectMapper json) {
    StrictBodyConverter strict = new StrictBodyConverter(json);
    return new WebMvcConfigurer() {
      @Override
      public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.addFirst(strict);
      }
    };
  }

  /** Proof that the bind address was checked. */
  public record BindAddressGuard(String address, boolean loopback) {
    public static BindAddressGuard check(String address, ApiProperties api) {
      return check("server.address", address, api);
    }

    static BindAddressGuard check(String key, String address, ApiProperties api) {
      boolean loopback = isLoopback(key, address);
      if (!loopback && !api.hasToken()) {
        throw new IllegalStateException(
            key
                + " is "
                + (address == null || address.isBlank() ? "unset (all interfaces)" : address)
                + ", which other machines can reach: set baton.api.token (or BATON_API_TOKEN) or bind to 127.0.0.1");
      }
      return new BindAddressGuard(address, loopback);
    }

    static boolean isLoopback(String key, String address) {
      if (address == null || address.isBlank()) {
        return false;
      }
      try {
        return InetAddress.getByName(address.strip()).isLoopbackAddress();
      } catch (UnknownHostException e) {
        throw new IllegalStateException(key + " '" + address + "' is not a known host", e);
      }
    }
  }
}
