package io.sextant.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Stops the agents of {@link AgentMode}'s directory after every test class (registered for all tests through
 * {@code META-INF/services}), so that no class finds another's agent and no agent outlives the run.
 */
public final class AgentTeardown implements AfterAllCallback {
  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    AgentMode.stopAll();
  }
}
