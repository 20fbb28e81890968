package dev.baton.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the HTTP API.
 *
 * @param token bearer token every request must carry, on the API's port and the Actuator's, except
 *     a read of the status page and of the health probe; required when {@code server.address} (or
 *     {@code management.server.address}) is not a loopback address (also read from the environment
 *     variable {@code BATON_API_TOKEN} by the client commands)
 * @param maxBodySize largest request body accepted; larger bodies get 413
 */
@ConfigurationProperties("baton.api")
public record ApiProperties(String token, @DefaultValue("256KB") DataSize maxBodySize) {

  public ApiProperties {
    if (maxBodySize.toBytes() <= 0) {
      throw new IllegalArgumentException(
          "baton.api.max-body-size must be positive, got " + maxBodySize);
    }
  }

  public boolean hasToken() {
    return token != null && !token.isBlank();
  }

  /**
   * Compares in constant time: both sides are hashed first so even the length does not leak through
   * timing.
   */
  public boolean accepts(String presented) {
    if (!hasToken() || presented == null) {
      return false;
    }
    return MessageDigest.isEqual(sha256(token), sha256(presented));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Keeps the token out of logs and error messages. */
  @Override
  public String toString() {
    return "ApiProperties[token="
        + (hasToken() ? "(set)" : "(none)")
        + ", maxBodySize="
        + maxBodySize
        + "]";
  }
}
