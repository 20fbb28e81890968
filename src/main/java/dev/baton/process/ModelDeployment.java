package dev.baton.process;

import java.util.function.Supplier;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * The start-up deployment, sent while the rest of Baton starts: the engine takes about a second to
 * parse, check and transform the model on a cold JVM, and the job workers and the other beans need
 * none of it. Whatever starts an instance {@linkplain #await() awaits} it first, and so does the
 * context once its beans are built: a model the engine refuses still fails the start, in Baton's
 * words (file, line, element).
 */
public final class ModelDeployment implements SmartInitializingSingleton {
  private final Background<DeployedModel> deployed;

  private ModelDeployment(Background<DeployedModel> deployed) {
    this.deployed = deployed;
  }

  /** Runs {@code deploy} on a thread of its own. */
  static ModelDeployment start(Supplier<DeployedModel> deploy) {
    return new ModelDeployment(Background.start("baton-deploy", deploy));
  }

  /**
   * Blocks until the model is deployed.
   *
   * @throws RuntimeException what the deployment threw (an {@link InvalidProcessModelException} for
   *     a refused model, the engine's error otherwise)
   */
  public DeployedModel await() {
    return deployed.join();
  }

  /**
   * Waits for the deployment once every other bean is built, before the job workers open: a refused
   * model fails the start, and the start-up cache's training run (which ends there) includes the
   * deployment.
   */
  @Override
  public void afterSingletonsInstantiated() {
    await();
  }
}
