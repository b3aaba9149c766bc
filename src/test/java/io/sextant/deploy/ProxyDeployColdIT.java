package io.sextant.deploy;

import io.sextant.testing.ColdPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A deploy behind kamal-proxy and {@code app remove} taking the app out of it, again on the cold path
 * ({@code SEXTANT_AGENT=0}, issue 20), with {@link ProxyDeployIT}'s own test methods and assertions: the suite runs
 * with the warm agent on; this twin proves the proxy's part of a deploy without it. The zero-downtime runs under
 * HTTP load stay in the parent only ({@link DeployColdIT} runs deploy, redeploy and rollback cold). After every test,
 * {@link ColdPath} checks that no command started or used an agent.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProxyDeployColdIT {
  private final ProxyDeployIT scenarios = new ProxyDeployIT();

  @BeforeAll
  static void setUp() throws Exception {
    ProxyDeployIT.setUp();
    ProxyDeployIT.project.extraEnv.put("SEXTANT_AGENT", "0");
  }

  @AfterEach
  void noAgentRan() throws Exception {
    ColdPath.assertNoAgentRan();
  }

  @AfterAll
  static void tearDown() throws Exception {
    ProxyDeployIT.tearDown();
  }

  @Test
  @Order(1)
  void theConfigInitWritesDeploysBehindTheProxyOnTwoHosts() throws Exception {
    scenarios.theConfigInitWritesDeploysBehindTheProxyOnTwoHosts();
  }

  @Test
  @Order(2)
  void appRemoveTakesTheAppOutOfTheProxy() throws Exception {
    scenarios.appRemoveTakesTheAppOutOfTheProxy();
  }
}
