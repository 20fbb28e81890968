package dev.baton.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * The Actuator on its own port ({@code management.server.port}) runs in a child context with its
 * own server, which does not take the application's filters: the same token rule and body limit are
 * registered there too.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ManagementTokenConfig {

  @Bean
  FilterRegistrationBean<TokenFilter> batonManagementTokenFilter(
      ApiProperties api,
      ObjectMapper json,
      @Value("${management.endpoints.web.base-path:/actuator}") String endpoints) {
    return ApiWebConfig.tokenFilter(api, json, endpoints);
  }

  @Bean
  FilterRegistrationBean<BodyLimitFilter> batonManagementBodyLimitFilter(
      ApiProperties api, ObjectMapper json) {
    return ApiWebConfig.bodyLimitFilter(api, json);
  }
}
