package dev.baton.cli;

import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts Baton's Spring context for a command: the seam tests use to add their own settings or
 * beans.
 */
@FunctionalInterface
public interface ContextStarter {
  /**
   * @param web true for {@code serve} (HTTP on), false for commands that only need the engine and
   *     workers
   * @param springArgs {@code --key=value} settings, last wins
   */
  ConfigurableApplicationContext start(boolean web, List<String> springArgs);
}
